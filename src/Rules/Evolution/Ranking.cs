namespace Neuro.Rules.Evolution;

/// <summary>Orderings and rank-based fitness shaping shared by the optimizers.</summary>
internal static class Ranking
{
    /// <summary>Candidate indices from best (highest fitness) to worst; ties keep the lower index first.</summary>
    public static int[] BestFirst(double[] fitnesses)
    {
        var order = new int[fitnesses.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Array.Sort is unstable; the index tie-break makes the order total and therefore reproducible.
        Array.Sort(order, (a, b) =>
        {
            int byFitness = fitnesses[b].CompareTo(fitnesses[a]);
            return byFitness != 0 ? byFitness : a.CompareTo(b);
        });
        return order;
    }

    /// <summary>
    /// Centred ranks: the worst candidate gets <c>-0.5</c>, the best <c>+0.5</c>, evenly spaced in between
    /// (<c>rank / (λ - 1) - 0.5</c>); tied fitnesses share their average rank, so a flat batch shapes to all zeros.
    /// </summary>
    public static double[] CenteredRanks(double[] fitnesses)
    {
        int count = fitnesses.Length;
        var shaped = new double[count];
        if (count < 2)
        {
            return shaped;
        }

        int[] bestFirst = BestFirst(fitnesses);
        int start = 0;
        while (start < count)
        {
            int end = start;
            while (end + 1 < count && fitnesses[bestFirst[end + 1]] == fitnesses[bestFirst[start]])
            {
                end++;
            }

            // Positions start..end (best first) are tied; ascending rank of position p is count - 1 - p.
            double rank = (count - 1) - 0.5 * (start + end);
            double value = rank / (count - 1) - 0.5;
            for (int p = start; p <= end; p++)
            {
                shaped[bestFirst[p]] = value;
            }

            start = end + 1;
        }

        return shaped;
    }
}
