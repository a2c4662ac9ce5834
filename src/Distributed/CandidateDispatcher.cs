using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Neuro.Rules.Evolution;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Neuro.Distributed;

/// <summary>
/// The driver's scheduler: one loop that keeps every worker's slots busy with queued candidates, reads the membership
/// for workers that join or leave, and puts the candidates of a lost call back at the head of the queue.
/// </summary>
/// <remarks>
/// Which worker scores a candidate, and when, changes nothing: the result depends on the candidate and its evaluation
/// context only, so a candidate scored twice (a slow call that was given up on, then answered) gives the same number and
/// the first answer is kept.
/// </remarks>
internal sealed class CandidateDispatcher : IAsyncDisposable
{
    private readonly IGrainFactory grains;
    private readonly string config;
    private readonly ClusterSettings settings;
    private readonly Channel<Item> incoming = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<string, long> completedBySilo = new(StringComparer.Ordinal);
    private readonly Task loop;
    private Exception? failure;
    private long completed;
    private long redispatched;
    private int workerCount;

    internal CandidateDispatcher(IGrainFactory grains, string config, ClusterSettings settings)
    {
        this.grains = grains;
        this.config = config;
        this.settings = settings;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Candidates scored so far.</summary>
    internal long Completed => Interlocked.Read(ref completed);

    /// <summary>Candidates dispatched again after their worker was lost.</summary>
    internal long Redispatched => Interlocked.Read(ref redispatched);

    /// <summary>Workers receiving candidates now.</summary>
    internal int Workers => Volatile.Read(ref workerCount);

    /// <summary>Candidates scored per worker silo (its parsable address).</summary>
    internal IReadOnlyDictionary<string, long> CompletedBySilo => completedBySilo;

    /// <summary>Queues one candidate; the task completes with its fitness.</summary>
    internal Task<double> Submit(string rule, EvaluationContext context, CancellationToken cancellation)
    {
        var item = new Item(rule, context, cancellation);
        if (!incoming.Writer.TryWrite(item))
        {
            return Task.FromException<double>(Volatile.Read(ref failure) ?? new ObjectDisposedException(nameof(CandidateDispatcher)));
        }

        return item.Result.Task;
    }

    public async ValueTask DisposeAsync()
    {
        incoming.Writer.TryComplete();
        await stop.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        stop.Dispose();
    }

    private async Task RunAsync()
    {
        var state = new LoopState();
        try
        {
            await LoopAsync(state).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // disposing
        }
#pragma warning disable CA1031 // A broken loop must fail the waiting candidates, not vanish.
        catch (Exception e)
#pragma warning restore CA1031
        {
            FailAll(state, e);
            return;
        }

        FailAll(state, new ObjectDisposedException(nameof(CandidateDispatcher), "The cluster evaluator was disposed"));
    }

    private async Task LoopAsync(LoopState s)
    {
        var clock = Stopwatch.StartNew();
        var management = grains.GetGrain<IManagementGrain>(0);
        TimeSpan? lastPoll = null;
        TimeSpan lastProgress = TimeSpan.Zero;
        long completedAtProgress = 0;
        TimeSpan noWorkerSince = TimeSpan.Zero;
        Task<Dictionary<SiloAddress, SiloStatus>>? hosts = null;
        Task<bool>? readable = null;
        Task? tick = null;
        while (!stop.IsCancellationRequested)
        {
            while (incoming.Reader.TryRead(out var item))
            {
                s.Pending.AddLast(item);
            }

            var now = clock.Elapsed;
            if (hosts is null && (lastPoll is null || now - lastPoll >= settings.PollInterval))
            {
                hosts = management.GetHosts(onlyActive: true).WaitAsync(settings.HelloTimeout, stop.Token);
                lastPoll = now;
            }

            foreach (var worker in s.Workers.Values)
            {
                while (worker.InFlight < worker.Info.Slots && TakeChunk(s.Pending, worker.Info.Chunk) is { Length: > 0 } chunk)
                {
                    Start(s, worker, chunk, now);
                }
            }

            if (s.Workers.Count > 0 || s.Pending.Count == 0)
            {
                noWorkerSince = now;
            }
            else if (now - noWorkerSince > settings.NoWorkerTimeout)
            {
                var error = new ClusterUnavailableException($"No worker took candidates for {settings.NoWorkerTimeout.TotalSeconds:F0} s; start workers with 'neuro worker --cluster …'");
                while (s.Pending.First is { } first)
                {
                    s.Pending.RemoveFirst();
                    first.Value.Result.TrySetException(error);
                }
            }

            if (settings.Progress is { } progress && now - lastProgress >= settings.ProgressInterval && (s.Pending.Count > 0 || s.Calls.Count > 0))
            {
                long done = Completed;
                double rate = (done - completedAtProgress) / Math.Max(1e-9, (now - lastProgress).TotalSeconds);
                progress(new ClusterProgress(s.Workers.Count, s.Calls.Values.Sum(c => c.Items.Length), s.Pending.Count, done, Redispatched, lastProgress == TimeSpan.Zero ? 0 : rate));
                lastProgress = now;
                completedAtProgress = done;
            }

            readable ??= incoming.Reader.WaitToReadAsync(stop.Token).AsTask();
            tick ??= Task.Delay(settings.PollInterval, stop.Token);
            var waits = new List<Task>(s.Calls.Count + s.Hellos.Count + 3) { readable, tick };
            waits.AddRange(s.Calls.Keys);
            waits.AddRange(s.Hellos.Keys);
            if (hosts is not null)
            {
                waits.Add(hosts);
            }

            await Task.WhenAny(waits).ConfigureAwait(false);
            stop.Token.ThrowIfCancellationRequested();
            if (readable.IsCompleted)
            {
                if (readable.IsCompletedSuccessfully && !readable.Result)
                {
                    return; // the writer was completed: disposing
                }

                readable = null;
            }

            if (tick.IsCompleted)
            {
                tick = null;
            }

            if (hosts is { IsCompleted: true })
            {
                if (hosts.IsCompletedSuccessfully)
                {
                    Reconcile(s, hosts.Result);
                }

                hosts = null;
            }

            foreach (var hello in s.Hellos.Keys.Where(t => t.IsCompleted).ToList())
            {
                Joined(s, hello, s.Hellos[hello]);
                s.Hellos.Remove(hello);
            }

            foreach (var call in s.Calls.Keys.Where(t => t.IsCompleted).ToList())
            {
                var running = s.Calls[call];
                s.Calls.Remove(call);
                Finished(s, call, running);
            }

            Volatile.Write(ref workerCount, s.Workers.Count);
        }
    }

    /// <summary>The first live candidate and up to <paramref name="chunk"/> − 1 more sharing its evaluation context, in queue order.</summary>
    private static Item[] TakeChunk(LinkedList<Item> pending, int chunk)
    {
        var taken = new List<Item>(chunk);
        var node = pending.First;
        while (node is not null && taken.Count < chunk)
        {
            var next = node.Next;
            var item = node.Value;
            if (item.Cancellation.IsCancellationRequested || item.Result.Task.IsCompleted)
            {
                item.Result.TrySetCanceled(item.Cancellation);
                pending.Remove(node);
            }
            else if (taken.Count == 0 || item.Context == taken[0].Context)
            {
                taken.Add(item);
                pending.Remove(node);
            }

            node = next;
        }

        return [.. taken];
    }

    private void Start(LoopState s, Worker worker, Item[] chunk, TimeSpan now)
    {
        var request = new WorkRequest(settings.Version, config, chunk[0].Context.Seed, chunk[0].Context.Generation, [.. chunk.Select(i => i.Rule)]);
        Task<WorkResult> call;
        RequestContext.Set(IPlacementDirector.PlacementHintKey, worker.Silo);
        try
        {
            call = worker.Grain.Evaluate(request).WaitAsync(settings.CallTimeout, stop.Token);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        worker.InFlight++;
        s.Calls.Add(call, new Call(worker, chunk, now));
    }

    private void Finished(LoopState s, Task<WorkResult> task, Call call)
    {
        call.Worker.InFlight--;
        if (!task.IsCompletedSuccessfully)
        {
            string reason = task.Exception?.InnerException?.Message ?? "the call was cancelled";
            int n = Requeue(s, [call]);
            if (s.Workers.Remove(call.Worker.Silo))
            {
                Requeue(s, call.Worker, $"worker {call.Worker.Info.Machine} ({call.Worker.Silo}) lost: {reason.ReplaceLineEndings(" ")}", n);
            }

            return;
        }

        var result = task.Result;
        if (result.Error is not null)
        {
            var error = new ClusterEvaluationException(result.Error);
            foreach (var item in call.Items)
            {
                item.Result.TrySetException(error);
            }

            return;
        }

        if (result.Fitness.Length != call.Items.Length)
        {
            var error = new ClusterEvaluationException($"worker {call.Worker.Silo} returned {result.Fitness.Length} fitnesses for {call.Items.Length} candidates");
            foreach (var item in call.Items)
            {
                item.Result.TrySetException(error);
            }

            return;
        }

        for (int i = 0; i < call.Items.Length; i++)
        {
            if (call.Items[i].Result.TrySetResult(result.Fitness[i]))
            {
                Interlocked.Increment(ref completed);
                completedBySilo.AddOrUpdate(call.Worker.Silo.ToParsableString(), 1, (_, n) => n + 1);
            }
        }
    }

    /// <summary>Drops workers that left the active membership (their calls' candidates go back to the queue) and greets new silos.</summary>
    private void Reconcile(LoopState s, Dictionary<SiloAddress, SiloStatus> active)
    {
        foreach (var gone in s.Workers.Values.Where(w => !active.ContainsKey(w.Silo)).ToList())
        {
            s.Workers.Remove(gone.Silo);
            Requeue(s, gone, $"worker {gone.Info.Machine} ({gone.Silo}) left the cluster");
        }

        s.Refused.IntersectWith(active.Keys);
        foreach (var silo in active.Keys)
        {
            if (s.Workers.ContainsKey(silo) || s.Refused.Contains(silo) || s.Hellos.ContainsValue(silo))
            {
                continue;
            }

            RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
            try
            {
                s.Hellos.Add(grains.GetGrain<IWorkerGrain>(silo.ToParsableString()).Hello(settings.Version).WaitAsync(settings.HelloTimeout, stop.Token), silo);
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
        }
    }

    private void Joined(LoopState s, Task<WorkerInfo> hello, SiloAddress silo)
    {
        if (!hello.IsCompletedSuccessfully)
        {
            return; // not reachable yet; the next poll greets it again
        }

        var info = hello.Result;
        if (info.Silo != silo.ToParsableString())
        {
            return; // the grain was placed elsewhere (the silo is going away); the next poll decides
        }

        if (info.Version != settings.Version)
        {
            s.Refused.Add(silo);
            settings.Log?.Invoke($"refusing worker {info.Machine} ({silo}): it runs version {info.Version}, this driver {settings.Version}; run the same build on both");
            return;
        }

        s.Workers[silo] = new Worker(silo, grains.GetGrain<IWorkerGrain>(silo.ToParsableString()), info);
        settings.Log?.Invoke($"worker {info.Machine} ({silo}) joined: {info.Slots} slots × {info.Chunk} candidates");
    }

    /// <summary>
    /// Puts back the candidates of every call in flight when <paramref name="worker"/> was lost, on any worker: a call
    /// to a live worker may have been routed through the lost one's gateway, and Orleans would then answer it only at
    /// the response timeout. A call that does finish is ignored (its candidates' results are already set or will be
    /// identical).
    /// </summary>
    private void Requeue(LoopState s, Worker worker, string message, int alreadyRequeued = 0)
    {
        var calls = s.Calls.ToList();
        foreach (var (task, call) in calls)
        {
            s.Calls.Remove(task);
            call.Worker.InFlight--;
            _ = task.ContinueWith(t => t.Exception, TaskScheduler.Default); // observe a late failure
        }

        int n = alreadyRequeued + Requeue(s, calls.Select(c => c.Value));
        settings.Log?.Invoke(n > 0 ? $"{message}; {n} candidates dispatched again" : message);
    }

    private int Requeue(LoopState s, IEnumerable<Call> calls)
    {
        int n = 0;
        foreach (var call in calls)
        {
            foreach (var item in call.Items.Reverse())
            {
                if (!item.Result.Task.IsCompleted)
                {
                    s.Pending.AddFirst(item);
                    n++;
                }
            }
        }

        Interlocked.Add(ref redispatched, n);
        return n;
    }

    private void FailAll(LoopState s, Exception error)
    {
        Volatile.Write(ref failure, error);
        incoming.Writer.TryComplete();
        foreach (var item in s.Pending.Concat(s.Calls.Values.SelectMany(c => c.Items)))
        {
            item.Result.TrySetException(error);
        }

        while (incoming.Reader.TryRead(out var item))
        {
            item.Result.TrySetException(error);
        }
    }

    private sealed class Item(string rule, EvaluationContext context, CancellationToken cancellation)
    {
        internal string Rule { get; } = rule;

        internal EvaluationContext Context { get; } = context;

        internal CancellationToken Cancellation { get; } = cancellation;

        internal TaskCompletionSource<double> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Worker(SiloAddress silo, IWorkerGrain grain, WorkerInfo info)
    {
        internal SiloAddress Silo { get; } = silo;

        internal IWorkerGrain Grain { get; } = grain;

        internal WorkerInfo Info { get; } = info;

        internal int InFlight { get; set; }
    }

    private sealed record Call(Worker Worker, Item[] Items, TimeSpan Started);

    private sealed class LoopState
    {
        internal LinkedList<Item> Pending { get; } = new();

        internal Dictionary<SiloAddress, Worker> Workers { get; } = [];

        internal Dictionary<Task<WorkResult>, Call> Calls { get; } = [];

        internal Dictionary<Task<WorkerInfo>, SiloAddress> Hellos { get; } = [];

        internal HashSet<SiloAddress> Refused { get; } = [];
    }
}
