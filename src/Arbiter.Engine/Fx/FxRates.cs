using System.Text;
using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>
/// The conversion rates the engine uses right now, chosen as <see cref="FxOptions"/> describes: USD/KRW from the FX
/// source, a fixed rate or the markets; USDT/USD and USDC/USD from the venues' books or a fixed fallback. Owned by the
/// engine thread.
/// </summary>
internal sealed class FxRates
{
    private readonly FxOptions options;
    private readonly long maxAgeMicros;
    private readonly List<BookEntry> usdtBooks = [];
    private readonly List<BookEntry> usdcBooks = [];
    private readonly List<BookEntry> krwUsdtBooks = [];
    private FxQuote? sourced;

    public FxRates(FxOptions options)
    {
        this.options = options;
        maxAgeMicros = options.MaxAge.Ticks / TimeSpan.TicksPerMicrosecond;
    }

    public decimal UsdKrw { get; private set; }

    public FxRateStatus UsdKrwStatus { get; private set; }

    public decimal UsdtUsd { get; private set; }

    public FxRateStatus UsdtStatus { get; private set; }

    public decimal UsdcUsd { get; private set; }

    public FxRateStatus UsdcStatus { get; private set; }

    /// <summary>Engine clock after which the sourced USD/KRW turns stale (long.MaxValue when none is in use).</summary>
    public long SourcedExpiry { get; private set; } = long.MaxValue;

    /// <summary>The KRW-USDT books (tether premium and the derived USD/KRW).</summary>
    public IReadOnlyList<BookEntry> KrwUsdtBooks => krwUsdtBooks;

    /// <summary>Registers a book whose mid is a rate: USDT or USDC quoted in USD, or USDT quoted in KRW; returns true if it is one.</summary>
    public bool TryAddRateBook(BookEntry entry)
    {
        var i = entry.Instrument;
        if (i.Base == Asset.Usdt && i.Quote == Asset.Usd)
        {
            usdtBooks.Add(entry);
        }
        else if (i.Base == Asset.Usdc && i.Quote == Asset.Usd)
        {
            usdcBooks.Add(entry);
        }
        else if (i.Base == Asset.Usdt && i.Quote == Asset.Krw)
        {
            krwUsdtBooks.Add(entry);
        }
        else
        {
            return false;
        }

        entry.IsRateBook = true;
        return true;
    }

    public void SetSourced(FxQuote quote) => sourced = quote;

    /// <summary>The conversion of <paramref name="kind"/> at the current rates (unknown when its rate is not usable).</summary>
    public UsdConversion ConversionOf(QuoteKind kind) => kind switch
    {
        QuoteKind.Usd => UsdConversion.Multiply(1m),
        QuoteKind.Usdt => IsUsable(UsdtStatus) ? UsdConversion.Multiply(UsdtUsd) : default,
        QuoteKind.Usdc => IsUsable(UsdcStatus) ? UsdConversion.Multiply(UsdcUsd) : default,
        QuoteKind.Krw => IsUsable(UsdKrwStatus) ? UsdConversion.Divide(UsdKrw) : default,
        _ => default,
    };

    /// <summary>Re-chooses every rate at <paramref name="clock"/>; returns the kinds whose value or status changed (bit per <see cref="QuoteKind"/>).</summary>
    public int Recompute(long clock, Func<BookEntry, bool> usable)
    {
        var changed = 0;
        var (usdt, usdtStatus) = Stablecoin(usdtBooks, options.UsdtUsd, usable);
        if (usdt != UsdtUsd || usdtStatus != UsdtStatus)
        {
            (UsdtUsd, UsdtStatus) = (usdt, usdtStatus);
            changed |= 1 << (int)QuoteKind.Usdt;
        }

        var (usdc, usdcStatus) = Stablecoin(usdcBooks, options.UsdcUsd, usable);
        if (usdc != UsdcUsd || usdcStatus != UsdcStatus)
        {
            (UsdcUsd, UsdcStatus) = (usdc, usdcStatus);
            changed |= 1 << (int)QuoteKind.Usdc;
        }

        var (krw, krwStatus) = ChooseUsdKrw(clock, usable);
        if (krw != UsdKrw || krwStatus != UsdKrwStatus)
        {
            (UsdKrw, UsdKrwStatus) = (krw, krwStatus);
            changed |= 1 << (int)QuoteKind.Krw;
        }

        return changed;
    }

    /// <summary>The published view of the three rates (labels built here, off the per-update path).</summary>
    public (FxRate UsdKrw, FxRate UsdtUsd, FxRate UsdcUsd) Describe(Func<BookEntry, bool> usable)
    {
        FxRate krw = UsdKrwStatus switch
        {
            FxRateStatus.Live => new(Asset.Usd, Asset.Krw, UsdKrw, sourced!.Time, sourced.Source, FxRateStatus.Live),
            FxRateStatus.Configured => new(Asset.Usd, Asset.Krw, UsdKrw, 0, "configured: Engine:Fx:UsdKrw", FxRateStatus.Configured),
            FxRateStatus.Derived => new(Asset.Usd, Asset.Krw, UsdKrw, LatestTime(krwUsdtBooks, usable), "derived: " + Names(krwUsdtBooks, usable) + " ÷ USDT/USD", FxRateStatus.Derived),
            _ when sourced is not null => new(Asset.Usd, Asset.Krw, sourced.Rate, sourced.Time, sourced.Source, FxRateStatus.Stale),
            _ => new(Asset.Usd, Asset.Krw, 0m, 0, "none", FxRateStatus.Missing),
        };
        return (krw, DescribeStablecoin(Asset.Usdt, UsdtUsd, UsdtStatus, usdtBooks, "Engine:Fx:UsdtUsd", usable), DescribeStablecoin(Asset.Usdc, UsdcUsd, UsdcStatus, usdcBooks, "Engine:Fx:UsdcUsd", usable));
    }

    public static bool IsUsable(FxRateStatus status) => status is FxRateStatus.Live or FxRateStatus.Derived or FxRateStatus.Configured;

    /// <summary>Mean mid of the usable books, exactly in decimal; false when none is usable.</summary>
    public static bool TryMeanMid(List<BookEntry> books, Func<BookEntry, bool> usable, out decimal mean)
    {
        var sum = 0m;
        var count = 0;
        foreach (var entry in books)
        {
            if (usable(entry) && entry.TryMid(out var mid))
            {
                sum += mid;
                count++;
            }
        }

        mean = count == 0 ? 0m : sum / count;
        return count > 0;
    }

    private (decimal Rate, FxRateStatus Status) Stablecoin(List<BookEntry> books, decimal? configured, Func<BookEntry, bool> usable)
    {
        if (TryMeanMid(books, usable, out var mean))
        {
            return (mean, FxRateStatus.Live);
        }

        return configured is { } fixedRate ? (fixedRate, FxRateStatus.Configured) : (0m, FxRateStatus.Missing);
    }

    private (decimal Rate, FxRateStatus Status) ChooseUsdKrw(long clock, Func<BookEntry, bool> usable)
    {
        SourcedExpiry = long.MaxValue;
        if (sourced is not null && clock - sourced.Time <= maxAgeMicros)
        {
            SourcedExpiry = sourced.Time + maxAgeMicros;
            return (sourced.Rate, FxRateStatus.Live);
        }

        if (options.UsdKrw is { } fixedRate)
        {
            return (fixedRate, FxRateStatus.Configured);
        }

        if (options.DeriveUsdKrw && IsUsable(UsdtStatus) && TryMeanMid(krwUsdtBooks, usable, out var krwPerUsdt))
        {
            // KRW per USD = KRW per USDT ÷ USD per USDT.
            return (krwPerUsdt / UsdtUsd, FxRateStatus.Derived);
        }

        return (0m, sourced is null ? FxRateStatus.Missing : FxRateStatus.Stale);
    }

    private static FxRate DescribeStablecoin(Asset coin, decimal rate, FxRateStatus status, List<BookEntry> books, string key, Func<BookEntry, bool> usable) => status switch
    {
        FxRateStatus.Live => new(coin, Asset.Usd, rate, LatestTime(books, usable), "books: " + Names(books, usable), FxRateStatus.Live),
        FxRateStatus.Configured => new(coin, Asset.Usd, rate, 0, "configured: " + key, FxRateStatus.Configured),
        _ => new(coin, Asset.Usd, 0m, 0, books.Count == 0 ? "none: no venue book" : "none: no usable venue book", FxRateStatus.Missing),
    };

    private static string Names(List<BookEntry> books, Func<BookEntry, bool> usable)
    {
        var text = new StringBuilder();
        foreach (var entry in books)
        {
            if (usable(entry))
            {
                text.Append(text.Length == 0 ? "" : ", ").Append(entry.Instrument.ToString());
            }
        }

        return text.ToString();
    }

    private static long LatestTime(List<BookEntry> books, Func<BookEntry, bool> usable)
    {
        long latest = 0;
        foreach (var entry in books)
        {
            if (usable(entry))
            {
                latest = Math.Max(latest, entry.Book.ReceiveTime);
            }
        }

        return latest;
    }
}
