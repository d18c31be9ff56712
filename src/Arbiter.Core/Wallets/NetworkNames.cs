namespace Arbiter.Core;

/// <summary>
/// One code per blockchain network, whatever a venue calls it: ERC20/ETH/Ethereum → ETH, BEP20/BSC → BSC, TRC20/TRON → TRX,
/// ARBITRUM/ARB/Arbitrum One → ARB … Transfer routes and the ticker-collision guard compare these codes, never venue spellings.
/// </summary>
/// <remarks>
/// Matching ignores case, spaces, '-' and '_' and a leading "<c>ASSET-</c>" (OKX writes <c>USDT-ERC20</c>); an unknown
/// name becomes its own upper-case code, so two venues still match when they spell it alike.
/// </remarks>
public static class NetworkNames
{
    private static readonly Dictionary<string, string> Aliases = Build(
        ("ETH", ["ETH", "ERC20", "ETHEREUM", "ETHEREUMERC20", "ETHERC20", "ETHEREUMMAINNET"]),
        ("BSC", ["BSC", "BEP20", "BNBSMARTCHAIN", "BSCBEP20", "BEP20BSC", "BNBSMARTCHAINBEP20", "BINANCESMARTCHAIN"]),
        ("BNB", ["BNB", "BEP2", "BNBBEACONCHAIN", "BNBBEACONCHAINBEP2"]),
        ("TRX", ["TRX", "TRC20", "TRON", "TRONTRC20"]),
        ("ARB", ["ARB", "ARBITRUM", "ARBITRUMONE", "ARBEVM", "ARBITRUMONEARB", "ARBI"]),
        ("OP", ["OP", "OPTIMISM", "OPETH", "OPTIMISMETH"]),
        ("MATIC", ["MATIC", "POLYGON", "POL", "POLYGONPOS", "POLYGONMATIC", "PLASMA"]),
        ("SOL", ["SOL", "SOLANA", "SPL"]),
        ("BTC", ["BTC", "BITCOIN", "XBT"]),
        ("LTC", ["LTC", "LITECOIN"]),
        ("XRP", ["XRP", "RIPPLE", "XRPL", "XRPLEDGER"]),
        ("DOGE", ["DOGE", "DOGECOIN", "XDG"]),
        ("AVAXC", ["AVAXC", "AVAXCCHAIN", "AVAX", "AVALANCHE", "AVALANCHECCHAIN", "CCHAIN", "AVACCHAIN", "CAVAX"]),
        ("BASE", ["BASE", "BASEMAINNET", "BASEETH", "BASEEVM"]),
        ("TON", ["TON", "TONCOIN", "THEOPENNETWORK"]),
        ("ADA", ["ADA", "CARDANO"]),
        ("DOT", ["DOT", "POLKADOT", "ASSETHUB", "POLKADOTASSETHUB"]),
        ("ATOM", ["ATOM", "COSMOS", "COSMOSHUB"]),
        ("APT", ["APT", "APTOS"]),
        ("SUI", ["SUI"]),
        ("NEAR", ["NEAR", "NEARPROTOCOL"]),
        ("KAIA", ["KAIA", "KLAY", "KLAYTN"]));

    /// <summary>The unified code of <paramref name="venueName"/>; <paramref name="asset"/> lets "USDT-ERC20" lose its "USDT-" prefix.</summary>
    public static string Unify(string venueName, Asset asset = default)
    {
        ArgumentNullException.ThrowIfNull(venueName);
        var name = venueName.Trim();
        if (!asset.IsNone
            && name.Length > asset.Code.Length + 1
            && name.StartsWith(asset.Code, StringComparison.OrdinalIgnoreCase)
            && name[asset.Code.Length] == '-')
        {
            name = name[(asset.Code.Length + 1)..];
        }

        var key = Key(name);
        return Aliases.TryGetValue(key, out var code) ? code : key;
    }

    /// <summary>Upper case without spaces, '-', '_', '(', ')' or '.': "Arbitrum One" → "ARBITRUMONE", "BNB Smart Chain (BEP20)" → "BNBSMARTCHAINBEP20".</summary>
    private static string Key(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 64)];
        var length = 0;
        foreach (var c in name)
        {
            if (c is ' ' or '-' or '_' or '(' or ')' or '.')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                break;
            }

            buffer[length++] = char.ToUpperInvariant(c);
        }

        return new string(buffer[..length]);
    }

    private static Dictionary<string, string> Build(params (string Code, string[] Names)[] table)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, names) in table)
        {
            foreach (var name in names)
            {
                map.Add(Key(name), code);
            }
        }

        return map;
    }
}
