// Pattern-rule network lifetimes on raw integers: the OpenCL restatement of FixedPatternNetwork (FixedPointSim), bit for
// bit. OpenCL C 1.2, integer arithmetic only, no dynamic allocation, no recursion; every size and mode is a compile-time
// define (docs/opencl.md lists them; PatternKernelDefines writes them), so FPGA OpenCL compilers can build it.
//
// One work-group runs one lifetime; its LOCAL_SIZE work-items share each layer's neurons (LOCAL_SIZE 1: one work-item per
// lifetime). A lifetime streams its training samples PASSES times (forward, then the hidden, input and output updates
// when misclassified or always), then predicts its holdout samples with frozen weights. Every prediction is written out;
// the final weights stay in the weight buffer.
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

#define P (1 << (ROUNDS + 1))
#define ROM_HIDDEN 0
#define ROM_INPUT (P * P)
#define ROM_OUTPUT (P * P + P)
#define ROM_WORDS (P * P + 3 * P)
#define W_INPUT 0
#define W_RECURRENT (V * N)
#define W_OUTPUT (V * N + V * V)
#define W_WORDS (V * N + V * V + M * V)
#define MASK_WORDS (V * N + V * V)
#define SCRATCH_WORDS (4 * V + 2 * M)

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

// One weight update by one ROM word (FixedPatternNetwork.Apply). Result: the weight type's raw.
long apply(long w, long entry)
{
#ifdef MULTIPLICATIVE
    // delta = round_w(w·rom / 2^fw), exact product, rounding only; then w + delta under the weight's overflow.
    i128 product = i128_mul(w, entry);
    i128 delta;
#if WGT_FRAC <= 0
    delta = product;
    for (int i = 0; i < -WGT_FRAC; i++) {
        delta.hi = (long)(((ulong)delta.hi << 1) | (delta.lo >> 63));
        delta.lo <<= 1;
    }
#else
    int negative = product.hi < 0, rem;
    u128 t = split(magnitude(product), WGT_FRAC, &rem);
    if (round_up(negative, (int)(t.lo & 1), rem, WGT_ROUNDING)) {
        t.lo += 1;
        if (t.lo == 0) t.hi += 1;
    }
    delta.lo = t.lo;
    delta.hi = (long)t.hi;
    if (negative) {
        delta.lo = ~delta.lo + 1;
        delta.hi = ~delta.hi + (delta.lo == 0 ? 1 : 0);
    }
#endif
    return narrow(i128_add(i128_of(w), delta), 0, WGT_WIDTH, WGT_ROUNDING, WGT_OVERFLOW);
#else
    return narrow(i128_add(i128_of(w), i128_of(entry)), 0, WGT_WIDTH, WGT_ROUNDING, WGT_OVERFLOW);
#endif
}

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
        long u = narrow_activation(ACC_WIDE(sum), WGT_FRAC + IN_FRAC);
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
            next[post] = max(narrow_activation(ACC_WIDE(sum), WGT_FRAC + ACT_FRAC), 0L);
        }
        SYNC(CLK_GLOBAL_MEM_FENCE);
        for (int i = lid; i < V; i += LOCAL_SIZE) hidden[i] = next[i];
        SYNC(CLK_GLOBAL_MEM_FENCE);
        cap(hidden, next, counts, lid);
        for (int i = lid; i < V; i += LOCAL_SIZE) patterns[i] = 2 * patterns[i] + (hidden[i] > 0);
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

// The hidden, input and output updates, in that order (FixedPatternNetwork.LearnCurrent).
void update(__global const uchar* mask, __global WTYPE* w, __global const long* rom, __global const int* patterns,
            int label, int prediction, int lid)
{
    for (int post = lid; post < V; post += LOCAL_SIZE) {
        int post_pattern = patterns[post];
        for (int pre = 0; pre < V; pre++) {
            int e = REC_AT(post, pre);
            if (mask[W_RECURRENT + e]) {
                w[W_RECURRENT + e] = (WTYPE)apply(w[W_RECURRENT + e], rom[ROM_HIDDEN + patterns[pre] * P + post_pattern]);
            }
        }
    }
#ifdef HAS_INPUT_RULE
    for (int post = lid; post < V; post += LOCAL_SIZE) {
        long entry = rom[ROM_INPUT + patterns[post]];
        for (int j = 0; j < N; j++) {
            if (mask[IN_AT(post, j)]) w[W_INPUT + IN_AT(post, j)] = (WTYPE)apply(w[W_INPUT + IN_AT(post, j)], entry);
        }
    }
#endif
#ifdef HAS_OUTPUT_RULE
    for (int e = lid; e < M * V; e += LOCAL_SIZE) {
        int c = e / V, i = e % V;
#ifdef ALL_EDGES
        int offset = c == label ? 0 : 1;
#else
        int offset = c == label ? 0 : c == prediction ? 1 : -1;
#endif
        if (offset >= 0) w[W_OUTPUT + e] = (WTYPE)apply(w[W_OUTPUT + e], rom[ROM_OUTPUT + 2 * patterns[i] + offset]);
    }
#endif
    SYNC(CLK_GLOBAL_MEM_FENCE);
}

// meta, per lifetime: train start, train count, passes, holdout start, holdout count, first prediction slot, mask image,
// starting-weight image. Lifetimes of one network seed share their mask and start images; each copies its start image
// into its own weights first (the reset).
__kernel void pattern_lifetimes(
    __global const long* rom, __global const uchar* masks, __global WTYPE* weights, __global const WTYPE* starts,
    __global const XTYPE* inputs, __global const int* labels, __global const int* meta,
    __global int* predictions, __global long* scratch_all, __global int* patterns_all)
{
    __local int counts[LOCAL_SIZE];
    __local int shared_prediction;
    int g = get_group_id(0), lid = get_local_id(0);
    __global const int* my = meta + 8 * g;
    int train_start = my[0], train_count = my[1], passes = my[2];
    int holdout_start = my[3], holdout_count = my[4], slot = my[5];
    __global const long* r = rom + (size_t)g * ROM_WORDS;
    __global const uchar* mask = masks + (size_t)my[6] * MASK_WORDS;
    __global WTYPE* w = weights + (size_t)g * W_WORDS;
    __global const WTYPE* start = starts + (size_t)my[7] * W_WORDS;
    __global long* scratch = scratch_all + (size_t)g * SCRATCH_WORDS;
    __global int* patterns = patterns_all + (size_t)g * V;
    for (int e = lid; e < W_WORDS; e += LOCAL_SIZE) w[e] = start[e];
    SYNC(CLK_GLOBAL_MEM_FENCE);
    for (int pass = 0; pass < passes; pass++) {
        for (int s = 0; s < train_count; s++) {
            int sample = train_start + s, label = labels[sample];
            int prediction = forward(inputs + (size_t)sample * N, mask, w, scratch, patterns, counts, &shared_prediction, lid);
            if (lid == 0) predictions[slot] = prediction;
            slot++;
#ifdef MISCLASSIFIED_ONLY
            if (prediction == label) continue;
#endif
            update(mask, w, r, patterns, label, prediction, lid);
        }
    }
    for (int s = 0; s < holdout_count; s++) {
        int sample = holdout_start + s;
        int prediction = forward(inputs + (size_t)sample * N, mask, w, scratch, patterns, counts, &shared_prediction, lid);
        if (lid == 0) predictions[slot] = prediction;
        slot++;
    }
}
