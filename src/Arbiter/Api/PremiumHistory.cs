using System.Text.Json;
using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Api;

/// <summary>
/// An asset's premium over time, for the dashboard's chart: one sample per second (the latest matrix of that second),
/// kept for <see cref="Retention"/>. A sample is the largest cell of the matrix (with its venues) and the largest cell
/// of each kind (raw, usdLike, kimchi; null when the matrix has none of that kind). Not thread-safe: the hub calls it
/// under its lock.
/// </summary>
public sealed class PremiumHistory
{
    /// <summary>Samples are per this interval: a later matrix in the same interval replaces the interval's sample.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>How far back samples are kept (relative to the asset's newest sample).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private static readonly long IntervalMicros = (long)Interval.TotalMicroseconds;
    private static readonly long RetentionMicros = (long)Retention.TotalMicroseconds;

    private readonly Dictionary<Asset, Queue<Sample>> byAsset = [];
    private readonly Dictionary<Asset, Sample> latest = [];

    /// <summary>Records <paramref name="matrix"/> as its asset's sample for the interval holding <c>matrix.Time</c>.</summary>
    public void Add(PremiumMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (!byAsset.TryGetValue(matrix.Asset, out var samples))
        {
            samples = new Queue<Sample>();
            byAsset.Add(matrix.Asset, samples);
        }

        var sample = Summarise(matrix);
        if (latest.TryGetValue(matrix.Asset, out var last))
        {
            if (last.Bucket > sample.Bucket)
            {
                return; // Older than what is recorded: the chart only moves forward.
            }

            if (last.Bucket == sample.Bucket)
            {
                // Same interval: the newer matrix replaces the interval's sample (kept as the tail, flushed on the next interval).
                latest[matrix.Asset] = sample;
                return;
            }

            samples.Enqueue(last);
        }

        latest[matrix.Asset] = sample;
        while (samples.Count > 0 && samples.Peek().Time < sample.Time - RetentionMicros)
        {
            samples.Dequeue();
        }
    }

    /// <summary>The samples of <paramref name="asset"/> (case-insensitive code), oldest first; none for an unknown asset.</summary>
    public IReadOnlyList<Sample> Of(string asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        foreach (var (key, samples) in byAsset)
        {
            if (string.Equals(key.Code, asset, StringComparison.OrdinalIgnoreCase))
            {
                var all = new List<Sample>(samples.Count + 1);
                all.AddRange(samples);
                if (latest.TryGetValue(key, out var tail))
                {
                    all.Add(tail);
                }

                return all;
            }
        }

        return [];
    }

    /// <summary><c>/api/premiums/history</c>: <c>{"asset","intervalMs","samples":[{time,bestBps,bestBuy,bestSell,raw,usdLike,kimchi}]}</c>.</summary>
    public string Json(string asset) => ApiJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("asset", asset.ToUpperInvariant());
        w.WriteNumber("intervalMs", (long)Interval.TotalMilliseconds);
        w.WriteStartArray("samples");
        foreach (var s in Of(asset))
        {
            w.WriteStartObject();
            w.WriteString("time", UnixMicros.ToIso(s.Time));
            WriteBps(w, "bestBps", s.BestBps);
            WriteNullable(w, "bestBuy", s.BestBuy?.Name());
            WriteNullable(w, "bestSell", s.BestSell?.Name());
            WriteBps(w, "raw", s.Raw);
            WriteBps(w, "usdLike", s.UsdLike);
            WriteBps(w, "kimchi", s.Kimchi);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteBps(Utf8JsonWriter w, string name, decimal? bps)
    {
        if (bps is { } value)
        {
            w.WriteString(name, FixedPoint.Format(value));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static Sample Summarise(PremiumMatrix matrix)
    {
        decimal? best = null, raw = null, usdLike = null, kimchi = null;
        VenueId? bestBuy = null, bestSell = null;
        foreach (var cell in matrix.Cells)
        {
            if (best is null || cell.Bps > best)
            {
                best = cell.Bps;
                bestBuy = cell.Buy.Venue;
                bestSell = cell.Sell.Venue;
            }

            switch (cell.Kind)
            {
                case PremiumKind.Raw:
                    raw = Max(raw, cell.Bps);
                    break;
                case PremiumKind.UsdLike:
                    usdLike = Max(usdLike, cell.Bps);
                    break;
                default:
                    kimchi = Max(kimchi, cell.Bps);
                    break;
            }
        }

        return new Sample(matrix.Time, Math.DivRem(matrix.Time, IntervalMicros).Quotient, best, bestBuy, bestSell, raw, usdLike, kimchi);
    }

    private static decimal? Max(decimal? current, decimal value) => current is null || value > current ? value : current;

    /// <summary>One interval's summary of an asset's matrix; <see cref="Bucket"/> = time ÷ interval.</summary>
    public readonly record struct Sample(long Time, long Bucket, decimal? BestBps, VenueId? BestBuy, VenueId? BestSell, decimal? Raw, decimal? UsdLike, decimal? Kimchi);
}
