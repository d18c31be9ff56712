namespace Arbiter.Core;

/// <summary>
/// The engine settings an operator may change while the engine runs: the profit and premium minimums, the update
/// threshold, the taker fee of each venue and the venues whose books are read. Immutable: the host builds a new one per
/// change and sends it through the engine's input channel (<see cref="MarketEventKind.SettingsChanged"/>), so the engine
/// thread applies it between two events without any lock on the per-frame path.
/// </summary>
/// <remarks>Range checks live with the configuration (the engine's <c>EngineOptions.Validate</c>); this type only holds values.</remarks>
public sealed class EngineRuntimeSettings
{
    private readonly decimal[] takerFees = new decimal[VenueNames.Count];
    private readonly bool[] enabled = new bool[VenueNames.Count];

    /// <param name="minNetProfitUsd">An opportunity opens and stays open only while its net profit is at least this (USD).</param>
    /// <param name="minNetPremiumBps">And its net premium at least this (basis points).</param>
    /// <param name="updateThreshold">Relative move of size or net that publishes an update (0.05 = 5 %).</param>
    /// <param name="takerFees">The taker fee of every venue, as a fraction; a venue missing from it is an error.</param>
    /// <param name="enabledVenues">The venues whose books the engine reads; the others' books are kept but ignored.</param>
    public EngineRuntimeSettings(decimal minNetProfitUsd, decimal minNetPremiumBps, double updateThreshold, IReadOnlyDictionary<VenueId, decimal> takerFees, IEnumerable<VenueId> enabledVenues)
    {
        ArgumentNullException.ThrowIfNull(takerFees);
        ArgumentNullException.ThrowIfNull(enabledVenues);
        MinNetProfitUsd = minNetProfitUsd;
        MinNetPremiumBps = minNetPremiumBps;
        UpdateThreshold = updateThreshold;
        foreach (var venue in VenueNames.All)
        {
            this.takerFees[(int)venue] = takerFees.TryGetValue(venue, out var fee)
                ? fee
                : throw new ArgumentException($"No taker fee for {venue.Name()}: every venue needs one.", nameof(takerFees));
        }

        foreach (var venue in enabledVenues)
        {
            enabled[(int)venue] = true;
        }
    }

    public decimal MinNetProfitUsd { get; }

    public decimal MinNetPremiumBps { get; }

    public double UpdateThreshold { get; }

    /// <summary>The taker fee of <paramref name="venue"/>, as a fraction (0.001 = 0.10 %).</summary>
    public decimal TakerFeeOf(VenueId venue) => takerFees[(int)venue];

    /// <summary>True when the engine reads <paramref name="venue"/>'s books for detection, premiums and rates.</summary>
    public bool IsEnabled(VenueId venue) => enabled[(int)venue];

    /// <summary>Every venue's taker fee, by venue.</summary>
    public IReadOnlyDictionary<VenueId, decimal> TakerFees
    {
        get
        {
            var copy = new Dictionary<VenueId, decimal>();
            foreach (var venue in VenueNames.All)
            {
                copy[venue] = takerFees[(int)venue];
            }

            return copy;
        }
    }

    /// <summary>The enabled venues, in id order.</summary>
    public IReadOnlyList<VenueId> EnabledVenues
    {
        get
        {
            var list = new List<VenueId>();
            foreach (var venue in VenueNames.All)
            {
                if (enabled[(int)venue])
                {
                    list.Add(venue);
                }
            }

            return list;
        }
    }
}
