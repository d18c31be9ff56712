namespace Arbiter.Core;

/// <summary>Parses and composes each venue's symbol spelling.</summary>
public static class VenueSymbology
{
    public static SymbolFormat FormatOf(VenueId venue) => venue switch
    {
        VenueId.Binance or VenueId.Bybit => SymbolFormat.Concatenated,
        VenueId.Coinbase or VenueId.Okx => SymbolFormat.BaseDashQuote,
        VenueId.GateIo => SymbolFormat.BaseUnderscoreQuote,
        VenueId.Upbit or VenueId.Bithumb => SymbolFormat.QuoteDashBase,
        VenueId.Kraken => SymbolFormat.BaseSlashQuote,
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "Unknown venue."),
    };

    /// <summary>
    /// Splits <paramref name="symbol"/> into base and quote. Concatenated symbols are looked up in
    /// <paramref name="markets"/> (never guessed); separator formats are split on their separator.
    /// </summary>
    /// <returns>null on success, otherwise why the symbol could not be parsed.</returns>
    public static string? TryParse(SymbolFormat format, string symbol, MarketList? markets, out Asset baseAsset, out Asset quoteAsset)
    {
        baseAsset = default;
        quoteAsset = default;
        if (string.IsNullOrWhiteSpace(symbol))
        {
            return "empty symbol";
        }

        if (format == SymbolFormat.Concatenated)
        {
            if (markets is null)
            {
                return $"'{symbol}' is concatenated: the venue's market list is needed to split it";
            }

            return markets.TryGet(symbol, out baseAsset, out quoteAsset) ? null : $"'{symbol}' is not in the venue's market list";
        }

        var separator = format switch
        {
            SymbolFormat.BaseDashQuote or SymbolFormat.QuoteDashBase => '-',
            SymbolFormat.BaseUnderscoreQuote => '_',
            _ => '/',
        };
        var at = symbol.IndexOf(separator, StringComparison.Ordinal);
        if (at <= 0 || at == symbol.Length - 1 || symbol.IndexOf(separator, at + 1) >= 0)
        {
            return $"'{symbol}' is not of the form A{separator}B";
        }

        var first = symbol[..at];
        var second = symbol[(at + 1)..];
        if (!IsCode(first) || !IsCode(second))
        {
            return $"'{symbol}' has characters other than letters and digits in an asset code";
        }

        var (b, q) = format == SymbolFormat.QuoteDashBase ? (second, first) : (first, second);
        baseAsset = Asset.Of(Canonical(b));
        quoteAsset = Asset.Of(Canonical(q));
        return null;
    }

    /// <summary>The venue spelling of base/quote in a separator format; for concatenated formats, base then quote.</summary>
    public static string Compose(SymbolFormat format, Asset baseAsset, Asset quoteAsset) => format switch
    {
        SymbolFormat.Concatenated => baseAsset.Code + quoteAsset.Code,
        SymbolFormat.BaseDashQuote => baseAsset.Code + "-" + quoteAsset.Code,
        SymbolFormat.BaseUnderscoreQuote => baseAsset.Code + "_" + quoteAsset.Code,
        SymbolFormat.QuoteDashBase => quoteAsset.Code + "-" + baseAsset.Code,
        _ => baseAsset.Code + "/" + quoteAsset.Code,
    };

    /// <summary>Legacy codes that name the same asset (Kraken's XBT and XDG).</summary>
    public static string Canonical(string code) => code.ToUpperInvariant() switch
    {
        "XBT" => "BTC",
        "XDG" => "DOGE",
        var upper => upper,
    };

    private static bool IsCode(string code)
    {
        foreach (var c in code)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
