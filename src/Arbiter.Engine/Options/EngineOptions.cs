using System.Globalization;
using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>Engine settings, bound by the host from the <c>Engine</c> configuration section and checked with <see cref="Validate"/>.</summary>
public sealed class EngineOptions
{
    /// <summary>The configuration section these options are bound from; every validation error names a key under it.</summary>
    public const string SectionName = "Engine";

    /// <summary>Largest accepted taker fee (10 %): anything above is a typo, not a tier.</summary>
    public const decimal MaxTakerFee = 0.1m;

    public static readonly TimeSpan MaxBookAgeLimit = TimeSpan.FromHours(1);

    public const int MinQueueCapacity = 16;

    public const int MaxQueueCapacity = 16_777_216;

    public FxOptions Fx { get; set; } = new();

    public QualityOptions Quality { get; set; } = new();

    /// <summary>Taker fee per venue as a fraction (0.001 = 0.10 %); defaults are the base tiers of venues/REFERENCE.md. Every venue must have one.</summary>
    public Dictionary<VenueId, decimal> TakerFees { get; } = new()
    {
        [VenueId.Binance] = 0.001m,
        [VenueId.Coinbase] = 0.012m,
        [VenueId.Bybit] = 0.001m,
        [VenueId.GateIo] = 0.002m,
        [VenueId.Upbit] = 0.0005m,
        [VenueId.Bithumb] = 0.0025m,
        [VenueId.Okx] = 0.0015m,
        [VenueId.Kraken] = 0.0026m,
    };

    /// <summary>A book not updated for longer than this (at the engine clock) is Stale and not read.</summary>
    public TimeSpan MaxBookAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Per-venue overrides of <see cref="MaxBookAge"/>.</summary>
    public Dictionary<VenueId, TimeSpan> MaxBookAgeByVenue { get; } = [];

    /// <summary>An opportunity opens (and stays open) only while its net profit is at least this, in USD.</summary>
    public decimal MinNetProfitUsd { get; set; } = 1.0m;

    /// <summary>An opportunity opens (and stays open) only while its net premium is at least this, in basis points.</summary>
    public decimal MinNetPremiumBps { get; set; }

    /// <summary>Relative move in size or net profit (0.05 = 5 %) against the last published values that publishes an Updated event.</summary>
    public double UpdateThreshold { get; set; } = 0.05;

    /// <summary>Capacity of the bounded channel between the adapters and the engine loop.</summary>
    public int QueueCapacity { get; set; } = 65_536;

    /// <summary>The maximum book age of <paramref name="venue"/>: its override, else <see cref="MaxBookAge"/>.</summary>
    public TimeSpan MaxBookAgeOf(VenueId venue) => MaxBookAgeByVenue.TryGetValue(venue, out var age) ? age : MaxBookAge;

    /// <summary>The runtime-changeable part of these options, with <paramref name="enabledVenues"/> as the venues read (all venues when null).</summary>
    public EngineRuntimeSettings ToRuntimeSettings(IEnumerable<VenueId>? enabledVenues = null) =>
        new(MinNetProfitUsd, MinNetPremiumBps, UpdateThreshold, TakerFees, enabledVenues ?? VenueNames.All.ToArray());

    /// <summary>
    /// A copy of these options with the thresholds and fees of <paramref name="runtime"/>: what <see cref="Validate"/>
    /// checks before a runtime change is accepted, so that a change obeys exactly the start-up ranges and names the same keys.
    /// </summary>
    public EngineOptions WithRuntime(EngineRuntimeSettings runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var copy = new EngineOptions
        {
            Fx = Fx?.Copy()!,
            Quality = Quality?.Copy()!,
            MaxBookAge = MaxBookAge,
            MinNetProfitUsd = runtime.MinNetProfitUsd,
            MinNetPremiumBps = runtime.MinNetPremiumBps,
            UpdateThreshold = runtime.UpdateThreshold,
            QueueCapacity = QueueCapacity,
        };
        foreach (var venue in VenueNames.All)
        {
            copy.TakerFees[venue] = runtime.TakerFeeOf(venue);
        }

        foreach (var (venue, age) in MaxBookAgeByVenue)
        {
            copy.MaxBookAgeByVenue[venue] = age;
        }

        return copy;
    }

    /// <summary>Every problem found, each naming its key (e.g. <c>Engine:MaxBookAge</c>) and the allowed range; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Fx is null)
        {
            errors.Add($"{SectionName}:Fx is missing.");
        }
        else
        {
            CheckPositive(errors, "Fx:UsdKrw", Fx.UsdKrw, 1_000_000m);
            CheckPositive(errors, "Fx:UsdtUsd", Fx.UsdtUsd, 10m);
            CheckPositive(errors, "Fx:UsdcUsd", Fx.UsdcUsd, 10m);
            if (Fx.MaxAge < TimeSpan.FromSeconds(1) || Fx.MaxAge > TimeSpan.FromDays(7))
            {
                errors.Add($"{SectionName}:Fx:MaxAge is {Span(Fx.MaxAge)}; allowed range 00:00:01 to 7.00:00:00.");
            }
        }

        if (Quality is null)
        {
            errors.Add($"{SectionName}:Quality is missing.");
        }
        else
        {
            ValidateQuality(errors, Quality);
        }

        foreach (var venue in VenueNames.All)
        {
            var key = $"{SectionName}:TakerFees:{venue.Name()}";
            if (!TakerFees.TryGetValue(venue, out var fee))
            {
                errors.Add($"{key} is missing; allowed range 0 to {Text(MaxTakerFee)} (a fraction: 0.001 = 0.10 %).");
            }
            else if (fee < 0m || fee > MaxTakerFee)
            {
                errors.Add($"{key} is {Text(fee)}; allowed range 0 to {Text(MaxTakerFee)} (a fraction: 0.001 = 0.10 %).");
            }
        }

        CheckAge(errors, $"{SectionName}:MaxBookAge", MaxBookAge);
        foreach (var (venue, age) in MaxBookAgeByVenue)
        {
            CheckAge(errors, $"{SectionName}:MaxBookAgeByVenue:{venue.Name()}", age);
        }

        if (MinNetProfitUsd < 0m || MinNetProfitUsd > 1_000_000_000m)
        {
            errors.Add($"{SectionName}:MinNetProfitUsd is {Text(MinNetProfitUsd)}; allowed range 0 to 1000000000.");
        }

        if (MinNetPremiumBps < 0m || MinNetPremiumBps > 10_000m)
        {
            errors.Add($"{SectionName}:MinNetPremiumBps is {Text(MinNetPremiumBps)}; allowed range 0 to 10000.");
        }

        if (!(UpdateThreshold >= 0 && UpdateThreshold <= 1))
        {
            errors.Add($"{SectionName}:UpdateThreshold is {UpdateThreshold.ToString(CultureInfo.InvariantCulture)}; allowed range 0 to 1 (a fraction: 0.05 = 5 %).");
        }

        if (QueueCapacity < MinQueueCapacity || QueueCapacity > MaxQueueCapacity)
        {
            errors.Add($"{SectionName}:QueueCapacity is {QueueCapacity.ToString(CultureInfo.InvariantCulture)}; allowed range {MinQueueCapacity} to {MaxQueueCapacity}.");
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem <see cref="Validate"/> finds.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid engine configuration: " + string.Join(" ", errors));
        }
    }

    private static void ValidateQuality(List<string> errors, QualityOptions q)
    {
        const string key = SectionName + ":Quality:";
        if (q.MaxExchangeLag < TimeSpan.Zero || q.MaxExchangeLag > TimeSpan.FromHours(1))
        {
            errors.Add($"{key}MaxExchangeLag is {Span(q.MaxExchangeLag)}; allowed range 00:00:00 (off) to 01:00:00.");
        }

        if (q.MaxSpread <= 0m || q.MaxSpread > 10m)
        {
            errors.Add($"{key}MaxSpread is {Text(q.MaxSpread)}; allowed range greater than 0 up to 10 (a fraction: 0.5 = 50 %).");
        }

        if (q.MaxDeviation <= 0m || q.MaxDeviation > 10m)
        {
            errors.Add($"{key}MaxDeviation is {Text(q.MaxDeviation)}; allowed range greater than 0 up to 10 (a fraction: 0.5 = 50 %).");
        }

        if (q.Window < 1 || q.Window > 1_000_000)
        {
            errors.Add($"{key}Window is {q.Window.ToString(CultureInfo.InvariantCulture)}; allowed range 1 to 1000000.");
        }

        CheckPoints(errors, key + "ResyncPenalty", q.ResyncPenalty);
        CheckPoints(errors, key + "ResyncPenaltyCap", q.ResyncPenaltyCap);
        CheckPoints(errors, key + "StalePenalty", q.StalePenalty);
        CheckPoints(errors, key + "ExcludeBelow", q.ExcludeBelow);
        CheckPoints(errors, key + "ReadmitAt", q.ReadmitAt);
        if (q.ReadmitAt < q.ExcludeBelow)
        {
            errors.Add($"{key}ReadmitAt is {q.ReadmitAt.ToString(CultureInfo.InvariantCulture)}; it must be at least {key}ExcludeBelow ({q.ExcludeBelow.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (q.ResyncWindow <= TimeSpan.Zero || q.ResyncWindow > TimeSpan.FromHours(1))
        {
            errors.Add($"{key}ResyncWindow is {Span(q.ResyncWindow)}; allowed range greater than 00:00:00 up to 01:00:00.");
        }
    }

    private static void CheckPoints(List<string> errors, string key, double value)
    {
        if (!(value >= 0 && value <= 100))
        {
            errors.Add($"{key} is {value.ToString(CultureInfo.InvariantCulture)}; allowed range 0 to 100 (score points).");
        }
    }

    private static string Span(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    private static void CheckPositive(List<string> errors, string key, decimal? configured, decimal max)
    {
        if (configured is not { } value)
        {
            return;
        }

        if (value <= 0m || value > max)
        {
            errors.Add($"{SectionName}:{key} is {Text(value)}; allowed range greater than 0 up to {Text(max)}.");
        }
    }

    private static void CheckAge(List<string> errors, string key, TimeSpan age)
    {
        if (age <= TimeSpan.Zero || age > MaxBookAgeLimit)
        {
            errors.Add($"{key} is {age.ToString("c", CultureInfo.InvariantCulture)}; allowed range greater than 00:00:00 up to {MaxBookAgeLimit.ToString("c", CultureInfo.InvariantCulture)}.");
        }
    }

    private static string Text(decimal value) => FixedPoint.Format(value);
}
