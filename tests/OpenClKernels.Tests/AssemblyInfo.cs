using Xunit;

// The tests share one batch per setting (OpenClDeviceFixture, so each define set compiles once), and several assert on
// the batch's LastLaunches, which describes the last Run on that batch. Run in parallel, another test's Run could reset
// it between a test's Run and its assertion (seen in CI as "Expected: 1, Actual: 0"), so this assembly's tests run one
// at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
