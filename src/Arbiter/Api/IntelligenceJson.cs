using System.Text.Json;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Intelligence;

namespace Arbiter.Api;

/// <summary>
/// The JSON of market intelligence: FX rates, premium matrices, venue quality, wallet status and changes, ticker
/// collisions. Same conventions as <see cref="ApiJson"/>: exact values as decimal strings, times ISO-8601 UTC, never a secret.
/// </summary>
public static class IntelligenceJson
{
    public static void WriteTransfer(Utf8JsonWriter w, TransferQuote t)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(t);
        w.WriteStartObject();
        w.WriteBoolean("available", t.Available);
        WriteStringOrNull(w, "unavailable", t.Unavailable);
        WriteStringOrNull(w, "network", t.Network);
        WriteDecimalOrNull(w, "withdrawFee", t.WithdrawFee);
        WriteDecimalOrNull(w, "feeUsd", t.FeeUsd);
        WriteDecimalOrNull(w, "netProfitUsd", t.NetProfitUsd);
        WriteDecimalOrNull(w, "netPremiumBps", t.NetPremiumBps);
        WriteDecimalOrNull(w, "minProfitableSize", t.MinProfitableSize);
        w.WriteEndObject();
    }

    /// <summary>The body of <c>/api/fx</c> and the "fx" message: rates with status and age, tether premiums, FX source health.</summary>
    public static void WriteFxBody(Utf8JsonWriter w, FxState? fx, FxSourceHealth? source, long now)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartArray("rates");
        if (fx is not null)
        {
            WriteRate(w, fx.UsdKrw, now);
            WriteRate(w, fx.UsdtUsd, now);
            WriteRate(w, fx.UsdcUsd, now);
        }

        w.WriteEndArray();
        w.WriteStartArray("tether");
        foreach (var t in fx?.Tether ?? [])
        {
            w.WriteStartObject();
            w.WriteString("venue", t.Instrument.Venue.Name());
            w.WriteString("symbol", t.Instrument.Symbol);
            w.WriteString("mid", FixedPoint.Format(t.Mid));
            w.WriteString("bps", FixedPoint.Format(t.Bps));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("source");
        if (source is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStartObject();
            WriteStringOrNull(w, "url", source.Url);
            w.WriteString("jsonPath", source.JsonPath);
            WriteDecimalOrNull(w, "lastRate", source.LastRate);
            WriteTimeOrNull(w, "lastSuccess", source.LastSuccess);
            WriteTimeOrNull(w, "lastFailure", source.LastFailure);
            WriteStringOrNull(w, "lastError", source.LastError);
            w.WriteNumber("fetches", source.Fetches);
            w.WriteNumber("failures", source.Failures);
            w.WriteNumber("published", source.Published);
            w.WriteEndObject();
        }
    }

    public static void WriteRate(Utf8JsonWriter w, FxRate rate, long now)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(rate);
        var known = rate.Status != FxRateStatus.Missing;
        w.WriteStartObject();
        w.WriteString("pair", $"{rate.Base.Code}/{rate.Quote.Code}");
        w.WriteString("status", Status(rate.Status));
        w.WriteBoolean("usable", rate.IsUsable);
        WriteDecimalOrNull(w, "rate", known ? rate.Rate : null);
        w.WriteString("source", rate.Source);
        WriteTimeOrNull(w, "time", known && rate.Time > 0 ? rate.Time : null);
        if (known && rate.Time > 0)
        {
            w.WriteNumber("ageSeconds", Math.Max(0, (now - rate.Time) / 1_000_000));
        }
        else
        {
            w.WriteNull("ageSeconds");
        }

        w.WriteEndObject();
    }

    public static string Status(FxRateStatus status) => status switch
    {
        FxRateStatus.Live => "live",
        FxRateStatus.Derived => "derived",
        FxRateStatus.Configured => "configured",
        FxRateStatus.Stale => "stale",
        _ => "missing",
    };

    public static string Kind(PremiumKind kind) => kind switch
    {
        PremiumKind.Raw => "raw",
        PremiumKind.UsdLike => "usdLike",
        _ => "kimchi",
    };

    public static void WritePremiumMatrix(Utf8JsonWriter w, PremiumMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(matrix);
        w.WriteStartObject();
        w.WriteString("asset", matrix.Asset.Code);
        w.WriteString("time", UnixMicros.ToIso(matrix.Time));
        w.WriteStartArray("cells");
        foreach (var cell in matrix.Cells)
        {
            w.WriteStartObject();
            WriteInstrument(w, "buy", cell.Buy);
            WriteInstrument(w, "sell", cell.Sell);
            w.WriteString("kind", Kind(cell.Kind));
            w.WriteString("bps", FixedPoint.Format(cell.Bps));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteQuality(Utf8JsonWriter w, VenueQuality q)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(q);
        w.WriteStartObject();
        w.WriteString("venue", q.Venue.Name());
        w.WriteNumber("score", Math.Round(q.Score, 2)); // a display score: double is fine here
        w.WriteBoolean("excluded", q.Excluded);
        w.WriteNumber("accepted", q.Accepted);
        w.WriteStartObject("rejected");
        w.WriteNumber("total", q.Rejected);
        w.WriteNumber("nonPositivePrice", q.NonPositivePrice);
        w.WriteNumber("crossed", q.Crossed);
        w.WriteNumber("exchangeTimeTooOld", q.ExchangeTimeTooOld);
        w.WriteNumber("outsideBounds", q.OutsideBounds);
        w.WriteNumber("wideSpread", q.WideSpread);
        w.WriteEndObject();
        w.WriteNumber("resyncs", q.Resyncs);
        w.WriteNumber("staleBooks", q.StaleBooks);
        w.WriteString("time", UnixMicros.ToIso(q.Time));
        w.WriteEndObject();
    }

    public static void WriteWalletChange(Utf8JsonWriter w, WalletChange c)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(c);
        w.WriteStartObject();
        w.WriteString("venue", c.Venue.Name());
        w.WriteString("asset", c.Asset.Code);
        w.WriteString("network", c.Network);
        w.WritePropertyName("previous");
        WriteNetworkOrNull(w, c.Previous);
        w.WritePropertyName("current");
        WriteNetworkOrNull(w, c.Current);
        w.WriteString("time", UnixMicros.ToIso(c.Time));
        w.WriteEndObject();
    }

    public static void WriteNetworkOrNull(Utf8JsonWriter w, NetworkStatus? n)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (n is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("network", n.Network);
        w.WriteString("venueNetwork", n.VenueNetwork);
        w.WriteBoolean("depositOpen", n.DepositOpen);
        w.WriteBoolean("withdrawOpen", n.WithdrawOpen);
        WriteDecimalOrNull(w, "withdrawFee", n.WithdrawFee);
        WriteDecimalOrNull(w, "withdrawMin", n.WithdrawMin);
        if (n.Confirmations is { } confirmations)
        {
            w.WriteNumber("confirmations", confirmations);
        }
        else
        {
            w.WriteNull("confirmations");
        }

        WriteStringOrNull(w, "contract", n.ContractAddress);
        w.WriteEndObject();
    }

    /// <summary>One venue's wallet source (key masked) and, when <paramref name="asset"/> is given, only that asset's status.</summary>
    public static void WriteWalletSource(Utf8JsonWriter w, WalletSourceStatus s, string? asset) =>
        WriteWalletSource(w, s, a => asset is null || string.Equals(a.Code, asset, StringComparison.OrdinalIgnoreCase));

    /// <summary>One wallet source with the assets <paramref name="include"/> accepts (a WebSocket client's subscription, a query's asset).</summary>
    public static void WriteWalletSource(Utf8JsonWriter w, WalletSourceStatus s, Func<Asset, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.WriteStartObject();
        w.WriteString("venue", s.Venue.Name());
        WriteStringOrNull(w, "source", s.Source);
        w.WriteBoolean("keyed", s.Keyed);
        WriteStringOrNull(w, "apiKey", s.MaskedKey);
        WriteTimeOrNull(w, "lastSuccess", s.LastSuccess);
        WriteTimeOrNull(w, "lastFailure", s.LastFailure);
        WriteStringOrNull(w, "lastError", s.LastError);
        w.WriteNumber("fetches", s.Fetches);
        w.WriteNumber("failures", s.Failures);
        WriteTimeOrNull(w, "snapshotTime", s.Snapshot?.Time);
        w.WriteStartArray("assets");
        foreach (var wallet in s.Snapshot?.Assets ?? [])
        {
            if (!include(wallet.Asset))
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteString("asset", wallet.Asset.Code);
            WriteBoolOrNull(w, "depositOpen", wallet.DepositOpen);
            WriteBoolOrNull(w, "withdrawOpen", wallet.WithdrawOpen);
            w.WriteStartArray("networks");
            foreach (var n in wallet.Networks)
            {
                WriteNetworkOrNull(w, n);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteCollision(Utf8JsonWriter w, TickerCollision c)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(c);
        w.WriteStartObject();
        w.WriteString("asset", c.Asset.Code);
        w.WriteStartArray("venues");
        w.WriteStringValue(c.First.Name());
        w.WriteStringValue(c.Second.Name());
        w.WriteEndArray();
        w.WriteString("network", c.Network);
        w.WriteStartArray("contracts");
        w.WriteStringValue(c.FirstContract);
        w.WriteStringValue(c.SecondContract);
        w.WriteEndArray();
        w.WriteString("reason", c.Reason);
        w.WriteEndObject();
    }

    /// <summary>Every ticker collision between two venues' latest snapshots (<see cref="TickerCollision.Find"/>), by asset then venues.</summary>
    public static List<TickerCollision> FindCollisions(IReadOnlyList<WalletSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var found = new List<TickerCollision>();
        for (var i = 0; i < snapshots.Count; i++)
        {
            for (var j = i + 1; j < snapshots.Count; j++)
            {
                var a = snapshots[i];
                var b = snapshots[j];
                if (a.Venue == b.Venue)
                {
                    continue;
                }

                foreach (var wallet in a.Assets)
                {
                    if (b.Find(wallet.Asset) is { } other && TickerCollision.Find(a.Venue, wallet, b.Venue, other) is { } collision)
                    {
                        found.Add(collision);
                    }
                }
            }
        }

        found.Sort((x, y) => x.Asset != y.Asset ? string.CompareOrdinal(x.Asset.Code, y.Asset.Code)
            : x.First != y.First ? x.First.CompareTo(y.First)
            : x.Second.CompareTo(y.Second));
        return found;
    }

    private static void WriteInstrument(Utf8JsonWriter w, string name, Instrument i)
    {
        w.WriteStartObject(name);
        w.WriteString("venue", i.Venue.Name());
        w.WriteString("symbol", i.Symbol);
        w.WriteString("quote", i.Quote.Code);
        w.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
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

    private static void WriteDecimalOrNull(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, FixedPoint.Format(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteBoolOrNull(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } v)
        {
            w.WriteBoolean(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteTimeOrNull(Utf8JsonWriter w, string name, long? micros)
    {
        if (micros is { } t)
        {
            w.WriteString(name, UnixMicros.ToIso(t));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
