// Pattern-rule network lifetimes on raw integers: the OpenCL restatement of FixedPatternNetwork (FixedPointSim), bit for
// bit. OpenCL C 1.2, integer arithmetic only, no dynamic allocation, no recursion; every size and mode is a compile-time
// define (docs/opencl.md lists them; PatternKernelDefines writes them), so FPGA OpenCL compilers can build it.
//
// One work-group runs one lifetime; its LOCAL_SIZE work-items share each layer's neurons (LOCAL_SIZE 1: one work-item per
// lifetime). A lifetime streams its training samples PASSES times (forward, then the hidden, input and output updates
// when misclassified or always), then predicts its holdout samples with frozen weights. Every prediction is written out;
// the final weights stay in the weight buffer.
//
// The rule's layout (which tables exist, their ROM offsets, modes and address fields) comes from the host as defines
// generated from the one C# layout type (PatternKernelDefines): for each table T of REC (recurrent), IN (input) and OUT
// (output), HAS_T, T_ROM (offset into the lifetime's ROM words), T_MUL (multiply mode) and the shift of each field
// (T_PRE_SHIFT, T_POST_SHIFT, T_ROLE_SHIFT, T_WEIGHT_SHIFT, T_MARGIN_SHIFT, T_PHASE_SHIFT, T_LEVEL_SHIFT for a pre
// field's level; -1 when the table has no such field) with the field's parameters. An address is the sum of its fields'
// terms, as in PatternTablePlan.
//
// Layout of the input and recurrent weights and masks. With NEURON_MINOR (several work-items per lifetime; the host
// transposes on upload and read-back) input element (neuron i, input j) is at j * V + i and recurrent element (post, pre)
// at pre * V + post: work-item lid owns neurons lid, lid + LOCAL_SIZE, ..., so at each step of an inner loop
// neighbouring work-items touch neighbouring words (coalesced on GPUs). Without it, row-major as in the golden model
// (i * N + j, post * V + pre), so a lone work-item streams each row. Output weights are row-major, (c, i) at c * V + i.
#ifdef NEURON_MINOR
#define IN_AT(i, j) ((j) * V + (i))
#define REC_AT(post, pre) ((pre) * V + (post))
#else
#define IN_AT(i, j) ((i) * N + (j))
#define REC_AT(post, pre) ((post) * V + (pre))
#endif

#if !defined(N) || !defined(V) || !defined(M) || !defined(K) || !defined(ROUNDS) || !defined(LOCAL_SIZE)
#error "N, V, M, K, ROUNDS and LOCAL_SIZE must be defined"
#endif

// Work-items of a lifetime meet at barriers; a lone work-item needs none (and FPGA single-work-item flows want none).
#if LOCAL_SIZE > 1
#define SYNC(flags) barrier(flags)
#else
#define SYNC(flags)
#endif

// Rounding modes (IEEE 1666 §7.10.9) and overflow modes, numbered as OpenClTypes writes them.
#define RND_RND 0
#define RND_RND_ZERO 1
#define RND_RND_MIN_INF 2
#define RND_RND_INF 3
#define RND_RND_CONV 4
#define RND_TRN 5
#define RND_TRN_ZERO 6
#define OVF_SAT 0
#define OVF_SAT_ZERO 1
#define OVF_SAT_SYM 2
#define OVF_WRAP 3

// Remainder classes of a discarded fraction.
#define REM_ZERO 0
#define REM_BELOW 1
#define REM_HALF 2
#define REM_ABOVE 3

#if !defined(ROM_WORDS)
#error "ROM_WORDS and the table defines must be defined"
#endif

// A field's contribution to an address: value << shift, or 0 when the table has no such field (shift -1).
#define TERM(value, shift) ((shift) < 0 ? 0 : (value) << ((shift) < 0 ? 0 : (shift)))

#define W_INPUT 0
#define W_RECURRENT (V * N)
#define W_OUTPUT (V * N + V * V)
#define W_WORDS (V * N + V * V + M * V)
#define MASK_WORDS (V * N + V * V)
#ifdef OUT_AVG_SHIFT
#define SCRATCH_WORDS (4 * V + 2 * M + 2 * M * V) // PatternKernelDefines.ScratchWords: + the output averages and readout
#else
#define SCRATCH_WORDS (4 * V + 2 * M)
#endif

// A signed 128-bit integer in two's complement (hi holds the sign) and an unsigned magnitude.
typedef struct { ulong lo; long hi; } i128;
typedef struct { ulong lo; ulong hi; } u128;

i128 i128_of(long x) { i128 r; r.lo = (ulong)x; r.hi = x >> 63; return r; }

i128 i128_add(i128 a, i128 b)
{
    i128 r;
    r.lo = a.lo + b.lo;
    r.hi = a.hi + b.hi + (r.lo < a.lo ? 1 : 0);
    return r;
}

// The exact product of two longs.
i128 i128_mul(long a, long b) { i128 r; r.lo = (ulong)a * (ulong)b; r.hi = mul_hi(a, b); return r; }

int i128_greater(i128 a, i128 b) { return a.hi > b.hi || (a.hi == b.hi && a.lo > b.lo); }

u128 magnitude(i128 x)
{
    u128 m;
    if (x.hi < 0) {
        m.lo = ~x.lo + 1;
        m.hi = ~(ulong)x.hi + (m.lo == 0 ? 1 : 0);
    } else {
        m.lo = x.lo;
        m.hi = (ulong)x.hi;
    }
    return m;
}

// Splits m · 2^-s (1 <= s) into its integer part and the class of the discarded fraction (QuantizationCore.Split).
u128 split(u128 m, int s, int* rem)
{
    u128 t;
    ulong rest_lo, rest_hi, half_lo, half_hi;
    if (m.lo == 0 && m.hi == 0) { *rem = REM_ZERO; return m; }
    if (s > 128) { t.lo = 0; t.hi = 0; *rem = REM_BELOW; return t; }
    if (s == 128) {
        t.lo = 0; t.hi = 0;
        rest_lo = m.lo; rest_hi = m.hi; half_lo = 0; half_hi = 1UL << 63;
    } else if (s > 64) {
        t.lo = m.hi >> (s - 64); t.hi = 0;
        rest_lo = m.lo; rest_hi = m.hi & ((1UL << (s - 64)) - 1);
        half_lo = 0; half_hi = 1UL << (s - 65);
    } else if (s == 64) {
        t.lo = m.hi; t.hi = 0;
        rest_lo = m.lo; rest_hi = 0; half_lo = 1UL << 63; half_hi = 0;
    } else {
        t.lo = (m.lo >> s) | (m.hi << (64 - s)); t.hi = m.hi >> s;
        rest_lo = m.lo & ((1UL << s) - 1); rest_hi = 0; half_lo = 1UL << (s - 1); half_hi = 0;
    }
    if (rest_lo == 0 && rest_hi == 0) *rem = REM_ZERO;
    else if (rest_hi < half_hi || (rest_hi == half_hi && rest_lo < half_lo)) *rem = REM_BELOW;
    else if (rest_hi == half_hi && rest_lo == half_lo) *rem = REM_HALF;
    else *rem = REM_ABOVE;
    return t;
}

// Whether a magnitude rounds away from its truncation (QuantizationCore.RoundUp).
int round_up(int negative, int odd, int rem, int rounding)
{
    if (rem == REM_ZERO) return 0;
    if (rem == REM_ABOVE) return rounding == RND_TRN ? negative : rounding == RND_TRN_ZERO ? 0 : 1;
    if (rem == REM_BELOW) return rounding == RND_TRN && negative;
    switch (rounding) {
        case RND_RND: return !negative;
        case RND_RND_ZERO: return 0;
        case RND_RND_MIN_INF: return negative;
        case RND_RND_INF: return 1;
        case RND_RND_CONV: return odd;
        case RND_TRN: return negative;
        default: return 0;
    }
}

// Narrows the exact value x · 2^-shift... precisely: x at (target frac + shift) fractional bits, into a signed target of
// `width` bits with `rounding` and `overflow` (QuantizationCore.FromRaw). Targets are at most 64 bits wide, so a magnitude
// is tracked as its low 64 bits plus a flag for "at least 2^64", which decides every overflow and keeps wrap-around exact.
long narrow(i128 x, int shift, int width, int rounding, int overflow)
{
    int negative = x.hi < 0;
    u128 m = magnitude(x);
    ulong low;
    int big, rem = REM_ZERO;
    if (shift <= 0) {
        int s = -shift;
        if (m.lo == 0 && m.hi == 0) { low = 0; big = 0; }
        else if (s >= 64) { low = 0; big = 1; }
        else { low = m.lo << s; big = m.hi != 0 || (s > 0 && (m.lo >> (64 - s)) != 0); }
    } else {
        u128 t = split(m, shift, &rem);
        low = t.lo;
        big = t.hi != 0;
    }
    if (round_up(negative, (int)(low & 1), rem, rounding)) {
        low += 1;
        if (low == 0) big = 1;
    }
    if (!big && low == 0) return 0;
    ulong positive_limit = (1UL << (width - 1)) - 1;
    ulong negative_limit = overflow == OVF_SAT_SYM ? positive_limit : 1UL << (width - 1);
    if (!big && low <= (negative ? negative_limit : positive_limit)) return negative ? (long)(0UL - low) : (long)low;
    long max_raw = (long)positive_limit;
    switch (overflow) {
        case OVF_SAT: return negative ? -max_raw - 1 : max_raw;
        case OVF_SAT_ZERO: return 0;
        case OVF_SAT_SYM: return negative ? -max_raw : max_raw;
        default: {
            ulong pattern = negative ? 0UL - low : low;
            return ((long)(pattern << (64 - width))) >> (64 - width);
        }
    }
}

// Into the activation type from raws at `frac` fractional bits.
long narrow_activation(i128 x, int frac) { return narrow(x, frac - ACT_FRAC, ACT_WIDTH, ACT_ROUNDING, ACT_OVERFLOW); }

#ifdef ACC64
typedef long acc_t;
#define ACC_ZERO 0
#define ACC_MAC(acc, a, b) ((acc) + (long)(a) * (long)(b))
#define ACC_WIDE(acc) i128_of(acc)
#define ACC_GREATER(a, b) ((a) > (b))
#else
typedef i128 acc_t;
#define ACC_ZERO i128_of(0)
#define ACC_MAC(acc, a, b) i128_add((acc), i128_mul((long)(a), (long)(b)))
#define ACC_WIDE(acc) (acc)
#define ACC_GREATER(a, b) i128_greater((a), (b))
#endif

// One weight update by one ROM word of an add table (FixedPatternNetwork.Apply): w + entry under the weight's overflow.
// Every update function takes the updated group's weight type (IN_WGT_*, REC_WGT_*, OUT_WGT_*: per-group types).
long apply_add(long w, long entry, int width, int rounding, int overflow)
{
    return narrow(i128_add(i128_of(w), i128_of(entry)), 0, width, rounding, overflow);
}

// One weight update by one ROM word of a multiply table: delta = round_w(w·rom / 2^fw), exact product, rounding only;
// then w + delta under the weight's overflow. Result: the weight type's raw.
long apply_mul(long w, long entry, int frac, int width, int rounding, int overflow)
{
    i128 product = i128_mul(w, entry);
    i128 delta;
    if (frac <= 0) {
        delta = product;
        for (int i = 0; i < -frac; i++) {
            delta.hi = (long)(((ulong)delta.hi << 1) | (delta.lo >> 63));
            delta.lo <<= 1;
        }
    } else {
        int negative = product.hi < 0, rem;
        u128 t = split(magnitude(product), frac, &rem);
        if (round_up(negative, (int)(t.lo & 1), rem, rounding)) {
            t.lo += 1;
            if (t.lo == 0) t.hi += 1;
        }
        delta.lo = t.lo;
        delta.hi = (long)t.hi;
        if (negative) {
            delta.lo = ~delta.lo + 1;
            delta.hi = ~delta.hi + (delta.lo == 0 ? 1 : 0);
        }
    }
    return narrow(i128_add(i128_of(w), delta), 0, width, rounding, overflow);
}

// G is the updated group's define prefix: IN, REC or OUT.
#define APPLY(G, mul, w, entry) ((mul) \
    ? apply_mul((w), (entry), G##_WGT_FRAC, G##_WGT_WIDTH, G##_WGT_ROUNDING, G##_WGT_OVERFLOW) \
    : apply_add((w), (entry), G##_WGT_WIDTH, G##_WGT_ROUNDING, G##_WGT_OVERFLOW))

// Stochastic rounding (STOCH_BITS = s > 0; add tables only; XorShift32 in FixedPointSim): the ROM word keeps s bits below
// the weight's LSB; a nonzero word advances the lifetime's xorshift32 generator (13, 17, 5) once and adds
// floor((word + r) / 2^s), r the top s bits of the new state, under the weight's overflow; a zero word changes nothing
// and draws nothing. Computed as (word >> s) + (((word mod 2^s) + r) >> s), which cannot overflow.
#if defined(STOCH_BITS) && STOCH_BITS > 0
long apply_stochastic(long w, long entry, uint* state, int width, int rounding, int overflow)
{
    if (entry == 0) return w;
    uint x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    long r = (long)(x >> (32 - STOCH_BITS));
    long delta = (entry >> STOCH_BITS) + (((entry & ((1L << STOCH_BITS) - 1)) + r) >> STOCH_BITS);
    return narrow(i128_add(i128_of(w), i128_of(delta)), 0, width, rounding, overflow);
}
#define UPDATE(G, mul, w, entry) apply_stochastic((w), (entry), &row_state, G##_WGT_WIDTH, G##_WGT_ROUNDING, G##_WGT_OVERFLOW)
#else
#define UPDATE(G, mul, w, entry) APPLY(G, (mul), (w), (entry))
#endif

// The weight field's code (LayoutField.WeightCode): raw >> shift (or << -shift), clamped to `bits` signed bits, as an
// unsigned `bits`-bit code.
int weight_code(long raw, int shift, int bits)
{
    long top = 1L << (bits - 1), bucket;
    if (shift >= 0) {
        bucket = shift >= 63 ? (raw < 0 ? -1 : 0) : raw >> shift;
    } else {
        int left = -shift;
        long limit = left >= 63 ? 0 : top >> min(left, 62);
        bucket = raw == 0 ? 0 : (left >= 63 || raw >= limit || raw < -limit) ? (raw < 0 ? -top : top - 1) : raw << left;
    }
    bucket = clamp(bucket, -top, top - 1);
    return (int)(bucket & ((1L << bits) - 1));
}

// The phase field's code (LayoutField.PhaseCode): min(2^bits - 1, floor(log2(1 + seen))).
int phase_code(long seen, int bits)
{
    int log = 63 - (int)clz((ulong)seen + 1);
    return min((1 << bits) - 1, log);
}

// The margin field's code (LayoutField.MarginCode): how many thresholds (i128 as lo, hi pairs) the margin is above.
int margin_code(i128 margin, __constant const long* thresholds, int count)
{
    int code = 0;
    for (int k = 0; k < count; k++) {
        i128 t;
        t.lo = (ulong)thresholds[2 * k];
        t.hi = thresholds[2 * k + 1];
        code += i128_greater(margin, t);
    }
    return code;
}

// A relative margin field's code (LayoutField.MarginCode, Relative): thresholds as (sign, exponent) pairs t = sign·2^e,
// m above t when m > floor(L·2^e) (sign +1), m > -ceil(L·2^e) (sign -1) or m > 0 (sign 0), with L >= 0 the largest
// logit magnitude; a left shift saturates at the largest i128, as in C#.
i128 i128_neg(i128 x)
{
    i128 r;
    r.lo = ~x.lo + 1;
    r.hi = ~x.hi + (r.lo == 0 ? 1 : 0);
    return r;
}

i128 i128_shr(i128 x, int k) // x >= 0, 0 <= k <= 127
{
    i128 r;
    if (k == 0) return x;
    if (k >= 64) { r.lo = (ulong)x.hi >> (k - 64); r.hi = 0; }
    else { r.lo = (x.lo >> k) | ((ulong)x.hi << (64 - k)); r.hi = (long)((ulong)x.hi >> k); }
    return r;
}

i128 i128_shl_saturated(i128 x, int k) // x >= 0, 0 <= k
{
    i128 r;
    if (k == 0) return x;
    if (k >= 127 || (ulong)x.hi >> (63 - k) != 0) { r.lo = ~0UL; r.hi = (long)(~0UL >> 1); return r; }
    r.hi = (long)(((ulong)x.hi << k) | (x.lo >> (64 - k)));
    r.lo = x.lo << k;
    return r;
}

int margin_code_relative(i128 m, i128 l, __constant const long* thresholds, int count)
{
    int code = 0;
    for (int k = 0; k < count; k++) {
        long sign = thresholds[2 * k];
        int e = (int)thresholds[2 * k + 1];
        i128 bound = i128_of(0);
        if (sign != 0 && e >= 0) {
            bound = i128_shl_saturated(l, e);
        } else if (sign != 0) {
            int s = min(-e, 127);
            bound = i128_shr(l, s);
            i128 back = i128_shl_saturated(bound, s);
            int exact = back.lo == l.lo && back.hi == l.hi;
            if (sign < 0 && !exact) bound = i128_add(bound, i128_of(1)); // ceil(L·2^e)
        }
        if (sign < 0) bound = i128_neg(bound);
        code += i128_greater(m, bound);
    }
    return code;
}

#define MARGIN_CODE(relative, thresholds, count) \
    ((relative) ? margin_code_relative(margin, max_abs, (thresholds), (count)) : margin_code(margin, (thresholds), (count)))

#if defined(HAS_REC) && REC_MARGIN_SHIFT >= 0
__constant long rec_thresholds[] = { REC_MARGIN_THRESHOLDS };
#endif
#if defined(HAS_IN) && IN_MARGIN_SHIFT >= 0
__constant long in_thresholds[] = { IN_MARGIN_THRESHOLDS };
#endif
#if defined(HAS_OUT) && OUT_MARGIN_SHIFT >= 0
__constant long out_thresholds[] = { OUT_MARGIN_THRESHOLDS };
#endif
#if (defined(HAS_REC) && REC_MARGIN_SHIFT >= 0) || (defined(HAS_IN) && IN_MARGIN_SHIFT >= 0) || (defined(HAS_OUT) && OUT_MARGIN_SHIFT >= 0)
#define USES_MARGIN 1
#endif

#if defined(HAS_OUT) && OUT_LEVEL_SHIFT >= 0
__constant int out_level_shifts[] = { OUT_LEVEL_RSHIFTS };

// The hidden neuron's level (LayoutField.PreCode): how many thresholds t its last-round activity a is above as a > t * A,
// A the largest activity of the layer: a > (A >> k) for t = 2^-k (the arithmetic shift is the floor), a > 0 for t = 0.
int level_code(long a, long largest)
{
    int code = 0;
    for (int k = 0; k < OUT_LEVEL_COUNT; k++) code += a > (out_level_shifts[k] < 0 ? 0L : largest >> out_level_shifts[k]);
    return code;
}
#define OUT_LEVEL_TERM(i) TERM(level_code(hidden[(i)], largest), OUT_LEVEL_SHIFT)
#else
#define OUT_LEVEL_TERM(i) 0
#endif

// cap_k on values (all >= 0) by ranks (CapK's rule: a positive value survives when fewer than K values outrank it, a value
// outranking another when larger, or equal at a lower index). keep is scratch; counts is LOCAL_SIZE ints of local memory.
void cap(__global long* values, __global long* keep, __local int* counts, int lid)
{
    int positives = 0;
    for (int i = lid; i < V; i += LOCAL_SIZE) positives += values[i] > 0;
    counts[lid] = positives;
    SYNC(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);
    positives = 0;
    for (int t = 0; t < LOCAL_SIZE; t++) positives += counts[t];
    if (positives > K) {
        for (int i = lid; i < V; i += LOCAL_SIZE) {
            long x = values[i];
            int outranked = 0;
            if (x > 0) {
                for (int j = 0; j < V && outranked < K; j++) {
                    long y = values[j];
                    outranked += y > x || (y == x && j < i);
                }
            }
            keep[i] = x > 0 && outranked < K;
        }
        SYNC(CLK_GLOBAL_MEM_FENCE);
        for (int i = lid; i < V; i += LOCAL_SIZE) {
            if (!keep[i]) values[i] = 0;
        }
    }
    SYNC(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);
}

// The forward pass on one sample (FixedPatternNetwork.Forward); returns the prediction (lower class wins ties).
int forward(__global const XTYPE* x, __global const uchar* mask, __global const WTYPE* w, __global long* scratch,
            __global int* patterns, __local int* counts, __local int* shared_prediction, int lid)
{
    __global long* projection = scratch;
    __global long* hidden = scratch + V;
    __global long* operand = scratch + 2 * V;
    __global long* next = scratch + 3 * V;
    __global long* logits = scratch + 4 * V;
    for (int i = lid; i < V; i += LOCAL_SIZE) {
        acc_t sum = ACC_ZERO;
        for (int j = 0; j < N; j++) {
            if (mask[IN_AT(i, j)]) sum = ACC_MAC(sum, w[W_INPUT + IN_AT(i, j)], x[j]);
        }
        long u = narrow_activation(ACC_WIDE(sum), IN_WGT_FRAC + IN_FRAC);
        projection[i] = u;
        hidden[i] = max(u, 0L);
    }
    SYNC(CLK_GLOBAL_MEM_FENCE);
    cap(hidden, next, counts, lid);
    for (int i = lid; i < V; i += LOCAL_SIZE) patterns[i] = hidden[i] > 0;
    for (int round = 1; round <= ROUNDS; round++) {
        // z = h + u in the activation type (same fractional bits: only its overflow can act).
        for (int j = lid; j < V; j += LOCAL_SIZE) {
            operand[j] = narrow_activation(i128_add(i128_of(hidden[j]), i128_of(projection[j])), ACT_FRAC);
        }
        SYNC(CLK_GLOBAL_MEM_FENCE);
        for (int post = lid; post < V; post += LOCAL_SIZE) {
            acc_t sum = ACC_ZERO;
            for (int pre = 0; pre < V; pre++) {
                if (mask[W_RECURRENT + REC_AT(post, pre)]) sum = ACC_MAC(sum, w[W_RECURRENT + REC_AT(post, pre)], operand[pre]);
            }
            next[post] = max(narrow_activation(ACC_WIDE(sum), REC_WGT_FRAC + ACT_FRAC), 0L);
        }
        SYNC(CLK_GLOBAL_MEM_FENCE);
        for (int i = lid; i < V; i += LOCAL_SIZE) hidden[i] = next[i];
        SYNC(CLK_GLOBAL_MEM_FENCE);
        cap(hidden, next, counts, lid);
        for (int i = lid; i < V; i += LOCAL_SIZE) patterns[i] = (patterns[i] << 1) | (hidden[i] > 0);
    }
    for (int c = lid; c < M; c += LOCAL_SIZE) {
        acc_t sum = ACC_ZERO;
        for (int i = 0; i < V; i++) sum = ACC_MAC(sum, w[W_OUTPUT + c * V + i], hidden[i]);
        i128 wide = ACC_WIDE(sum);
        logits[2 * c] = (long)wide.lo;
        logits[2 * c + 1] = wide.hi;
    }
    SYNC(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);
    if (lid == 0) {
        int best = 0;
        i128 best_logit;
        best_logit.lo = (ulong)logits[0];
        best_logit.hi = logits[1];
        for (int c = 1; c < M; c++) {
            i128 logit;
            logit.lo = (ulong)logits[2 * c];
            logit.hi = logits[2 * c + 1];
            if (i128_greater(logit, best_logit)) { best = c; best_logit = logit; }
        }
        *shared_prediction = best;
    }
    SYNC(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);
    return *shared_prediction;
}

// The hidden, input and output updates, in that order (FixedPatternNetwork.LearnCurrent). `seen` counts the samples
// learned from since the reset before this one; logits hold the forward pass's exact logits as (lo, hi) pairs.
// With per-neuron streams (PER_NEURON, XorShift32.NeuronSeed) `states` holds each hidden neuron's generator: neuron i's
// recurrent row, input row and output column draw from states[i] in the golden walk order restricted to them, so the
// work-items update their own neurons in parallel and draw exactly what the golden walk draws. ROW_LOAD/ROW_STORE move
// a neuron's state into and out of row_state around its synapses; with one stream row_state is the lifetime's generator.
#ifdef PER_NEURON
#define ROW_LOAD(n) row_state = states[(n)]
#define ROW_STORE(n) states[(n)] = row_state
#else
#define ROW_LOAD(n)
#define ROW_STORE(n)
#endif

// The output row's role (PatternUpdatePlan.OutputRole): 0 label, 1 prediction, then the other rows with ALL_EDGES.
#ifdef ALL_EDGES
#define OUT_ROLE(c) ((c) == label ? 0 : (c) == prediction ? 1 : OUT_OTHER_ROLE)
#else
#define OUT_ROLE(c) ((c) == label ? 0 : (c) == prediction ? 1 : -1)
#endif

// One output weight's update: class c, hidden neuron i (expressions of the caller's loop variables, so the macro's own
// names must not shadow them).
#define OUT_UPDATE(c, i) \
    { \
        int role = OUT_ROLE(c); \
        if (role >= 0) { \
            int out_e = (c) * V + (i); \
            long wv = w[W_OUTPUT + out_e]; \
            int address = out_sample + TERM(patterns[(i)], OUT_PRE_SHIFT) + OUT_LEVEL_TERM(i) + TERM(role, OUT_ROLE_SHIFT) \
                + TERM(weight_code(wv, OUT_WEIGHT_RSHIFT, OUT_WEIGHT_BITS), OUT_WEIGHT_SHIFT); \
            w[W_OUTPUT + out_e] = (WTYPE)UPDATE(OUT, OUT_MUL, wv, rom[OUT_ROM + address]); \
        } \
    }

void update(__global const uchar* mask, __global WTYPE* w, __global const long* rom, __global const int* patterns,
            __global const long* hidden, __global const long* logits, int label, int prediction, long seen, int lid, uint* rng, __global uint* states)
{
#if defined(STOCH_BITS) && STOCH_BITS > 0 && !defined(PER_NEURON)
    // One sequential generator, drawn in the golden walk order: work-item 0 walks every synapse alone (the forward pass
    // stays shared); the others skip the loops and wait at the barrier at the end.
    int first = lid == 0 ? 0 : (1 << 30), step = 1;
#else
    int first = lid, step = LOCAL_SIZE;
#endif
    uint row_state = *rng;
#ifdef USES_MARGIN
    i128 best;
    best.lo = 0;
    best.hi = (long)(1UL << 63);
    for (int c = 0; c < M; c++) {
        i128 logit;
        logit.lo = (ulong)logits[2 * c];
        logit.hi = logits[2 * c + 1];
        if (c != label && i128_greater(logit, best)) best = logit;
    }
    i128 margin, negative_best = i128_neg(best);
    margin.lo = (ulong)logits[2 * label];
    margin.hi = logits[2 * label + 1];
    margin = i128_add(margin, negative_best);
    i128 max_abs = i128_of(0);
    for (int c = 0; c < M; c++) {
        i128 logit;
        logit.lo = (ulong)logits[2 * c];
        logit.hi = logits[2 * c + 1];
        if (logit.hi < 0) logit = i128_neg(logit);
        if (i128_greater(logit, max_abs)) max_abs = logit;
    }
#endif
#ifdef HAS_REC
    int rec_sample = TERM(phase_code(seen, REC_PHASE_BITS), REC_PHASE_SHIFT)
#if REC_MARGIN_SHIFT >= 0
        + TERM(MARGIN_CODE(REC_MARGIN_RELATIVE, rec_thresholds, REC_MARGIN_COUNT), REC_MARGIN_SHIFT)
#endif
        ;
    for (int post = first; post < V; post += step) {
        int post_term = rec_sample + TERM(patterns[post], REC_POST_SHIFT);
        ROW_LOAD(post);
        for (int pre = 0; pre < V; pre++) {
            int e = REC_AT(post, pre);
            if (mask[W_RECURRENT + e]) {
                long wv = w[W_RECURRENT + e];
                int address = post_term + TERM(patterns[pre], REC_PRE_SHIFT) + TERM(weight_code(wv, REC_WEIGHT_RSHIFT, REC_WEIGHT_BITS), REC_WEIGHT_SHIFT);
                w[W_RECURRENT + e] = (WTYPE)UPDATE(REC, REC_MUL, wv, rom[REC_ROM + address]);
            }
        }
        ROW_STORE(post);
    }
#endif
#ifdef HAS_IN
    int in_sample = TERM(phase_code(seen, IN_PHASE_BITS), IN_PHASE_SHIFT)
#if IN_MARGIN_SHIFT >= 0
        + TERM(MARGIN_CODE(IN_MARGIN_RELATIVE, in_thresholds, IN_MARGIN_COUNT), IN_MARGIN_SHIFT)
#endif
        ;
    for (int post = first; post < V; post += step) {
        int post_term = in_sample + TERM(patterns[post], IN_POST_SHIFT);
        ROW_LOAD(post);
        for (int j = 0; j < N; j++) {
            if (mask[IN_AT(post, j)]) {
                long wv = w[W_INPUT + IN_AT(post, j)];
                int address = post_term + TERM(weight_code(wv, IN_WEIGHT_RSHIFT, IN_WEIGHT_BITS), IN_WEIGHT_SHIFT);
                w[W_INPUT + IN_AT(post, j)] = (WTYPE)UPDATE(IN, IN_MUL, wv, rom[IN_ROM + address]);
            }
        }
        ROW_STORE(post);
    }
#endif
#ifdef HAS_OUT
    int out_sample = TERM(phase_code(seen, OUT_PHASE_BITS), OUT_PHASE_SHIFT)
#if OUT_MARGIN_SHIFT >= 0
        + TERM(MARGIN_CODE(OUT_MARGIN_RELATIVE, out_thresholds, OUT_MARGIN_COUNT), OUT_MARGIN_SHIFT)
#endif
        ;
#if OUT_LEVEL_SHIFT >= 0
    long largest = 0;
    for (int j = 0; j < V; j++) largest = max(largest, hidden[j]);
#endif
#ifdef PER_NEURON
    // Neuron-major, so that each work-item draws its own neurons' generators in class order.
    for (int i = lid; i < V; i += LOCAL_SIZE) {
        ROW_LOAD(i);
        for (int c = 0; c < M; c++) OUT_UPDATE(c, i)
        ROW_STORE(i);
    }
#else
    for (int e = first; e < M * V; e += step) OUT_UPDATE(e / V, e % V)
#endif
#endif
    *rng = row_state;
    SYNC(CLK_GLOBAL_MEM_FENCE);
}

#ifdef OUT_AVG_SHIFT
// The output weights' moving average (FixedOutputAverage): A has OUT_AVG_SHIFT + 1 more fractional bits than the
// weight; after every sample learned from A += (w * 2^(s+1) - A) >> s (floor), and the readout is (A + 2^s) >> (s+1).
void average_step(__global const WTYPE* w, __global long* average, __global long* readout, int lid)
{
    for (int e = lid; e < M * V; e += LOCAL_SIZE) {
        long a = average[e] + ((((long)w[W_OUTPUT + e]) * (1L << (OUT_AVG_SHIFT + 1)) - average[e]) >> OUT_AVG_SHIFT);
        average[e] = a;
        readout[e] = (a + (1L << OUT_AVG_SHIFT)) >> (OUT_AVG_SHIFT + 1);
    }
    SYNC(CLK_GLOBAL_MEM_FENCE);
}

// Exchanges the output weights and the readout, so that the holdout's forward passes read the readout and the weights
// come back afterwards (the readout always lies within the weight's range, so it fits WTYPE).
void swap_readout(__global WTYPE* w, __global long* readout, int lid)
{
    SYNC(CLK_GLOBAL_MEM_FENCE);
    for (int e = lid; e < M * V; e += LOCAL_SIZE) {
        long weight = (long)w[W_OUTPUT + e];
        w[W_OUTPUT + e] = (WTYPE)readout[e];
        readout[e] = weight;
    }
    SYNC(CLK_GLOBAL_MEM_FENCE);
}
#endif

// meta, per lifetime (9 ints): train start, train count, passes, holdout start, holdout count, first prediction slot, mask
// image, starting-weight image, and the stochastic-rounding generator's state at reset (XorShift32.Seed of the network
// seed, as a uint's bits; unused without STOCH_BITS or with PER_NEURON, whose per-neuron seeds the host writes into
// states_all, Hidden words per lifetime, which the kernel then advances in place). Lifetimes of one network seed share their mask and start images; each copies its start image
// into its own weights first (the reset).
__kernel void pattern_lifetimes(
    __global const long* rom, __global const uchar* masks, __global WTYPE* weights, __global const WTYPE* starts,
    __global const XTYPE* inputs, __global const int* labels, __global const int* meta,
    __global int* predictions, __global long* scratch_all, __global int* patterns_all, __global uint* states_all)
{
    __local int counts[LOCAL_SIZE];
    __local int shared_prediction;
    int g = get_group_id(0), lid = get_local_id(0);
    __global const int* my = meta + 9 * g;
    int train_start = my[0], train_count = my[1], passes = my[2];
    int holdout_start = my[3], holdout_count = my[4], slot = my[5];
    __global const long* r = rom + (size_t)g * ROM_WORDS;
    __global const uchar* mask = masks + (size_t)my[6] * MASK_WORDS;
    __global WTYPE* w = weights + (size_t)g * W_WORDS;
    __global const WTYPE* start = starts + (size_t)my[7] * W_WORDS;
    __global long* scratch = scratch_all + (size_t)g * SCRATCH_WORDS;
    __global int* patterns = patterns_all + (size_t)g * V;
#ifdef PER_NEURON
    __global uint* states = states_all + (size_t)g * V;
#else
    __global uint* states = states_all;
#endif
    for (int e = lid; e < W_WORDS; e += LOCAL_SIZE) w[e] = start[e];
    SYNC(CLK_GLOBAL_MEM_FENCE);
#ifdef OUT_AVG_SHIFT
    __global long* average = scratch + 4 * V + 2 * M;
    __global long* readout = average + M * V;
    for (int e = lid; e < M * V; e += LOCAL_SIZE) {
        average[e] = ((long)w[W_OUTPUT + e]) * (1L << (OUT_AVG_SHIFT + 1));
        readout[e] = (long)w[W_OUTPUT + e];
    }
    SYNC(CLK_GLOBAL_MEM_FENCE);
#endif
    long seen = 0;
    uint rng = (uint)my[8];
    for (int pass = 0; pass < passes; pass++) {
        for (int s = 0; s < train_count; s++, seen++) {
            int sample = train_start + s, label = labels[sample];
            int prediction = forward(inputs + (size_t)sample * N, mask, w, scratch, patterns, counts, &shared_prediction, lid);
            if (lid == 0) predictions[slot] = prediction;
            slot++;
#ifdef MISCLASSIFIED_ONLY
            if (prediction != label)
#endif
            update(mask, w, r, patterns, scratch + V, scratch + 4 * V, label, prediction, seen, lid, &rng, states);
#ifdef OUT_AVG_SHIFT
            average_step(w, average, readout, lid);
#endif
        }
    }
#ifdef OUT_AVG_SHIFT
    swap_readout(w, readout, lid);
#endif
    for (int s = 0; s < holdout_count; s++) {
        int sample = holdout_start + s;
        int prediction = forward(inputs + (size_t)sample * N, mask, w, scratch, patterns, counts, &shared_prediction, lid);
        if (lid == 0) predictions[slot] = prediction;
        slot++;
    }
#ifdef OUT_AVG_SHIFT
    swap_readout(w, readout, lid);
#endif
}
