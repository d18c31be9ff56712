using Arbiter.Core;
using Shouldly;

namespace Arbiter.Venues.Tests.Wallets;

/// <summary>The network spellings met in the wallet fixtures (venue in the comment) and their unified codes.</summary>
public sealed class NetworkNamesTests
{
    [Theory]
    [InlineData("ETH", "USDT", "ETH")] // Gate chain, Binance network, Bybit chain, Upbit/Bithumb net_type
    [InlineData("ERC20", "USDT", "ETH")] // Bybit chainType
    [InlineData("USDT-ERC20", "USDT", "ETH")] // OKX chain
    [InlineData("ethereum", "USDT", "ETH")] // Coinbase network id
    [InlineData("Ethereum (ERC20)", "USDT", "ETH")] // Binance network name
    [InlineData("ETH/ERC20", "USDT", "ETH/ERC20")] // Gate name_en: not used for matching (the client unifies `chain`)
    [InlineData("BSC", "USDT", "BSC")]
    [InlineData("BEP20(BSC)", "USDT", "BSC")] // Bybit chainType
    [InlineData("BNB Smart Chain (BEP20)", "USDT", "BSC")]
    [InlineData("BNB", "BTC", "BNB")] // Binance BEP2
    [InlineData("TRX", "USDT", "TRX")]
    [InlineData("TRC20", "USDT", "TRX")]
    [InlineData("USDT-TRC20", "USDT", "TRX")]
    [InlineData("Tron (TRC20)", "USDT", "TRX")]
    [InlineData("ARBITRUM", "USDT", "ARB")] // Binance
    [InlineData("ARBI", "USDT", "ARB")] // Bybit
    [InlineData("ARBEVM", "USDT", "ARB")] // Gate
    [InlineData("arbitrum", "USDC", "ARB")] // Coinbase
    [InlineData("Arbitrum One", "USDT", "ARB")]
    [InlineData("USDT-Arbitrum One", "USDT", "ARB")] // OKX
    [InlineData("USDT-Polygon", "USDT", "MATIC")] // OKX
    [InlineData("polygon", "USDT", "MATIC")] // Coinbase
    [InlineData("solana", "USDT", "SOL")] // Coinbase
    [InlineData("SOL", "USDT", "SOL")]
    [InlineData("BTC-Bitcoin", "BTC", "BTC")] // OKX
    [InlineData("bitcoin", "BTC", "BTC")] // Coinbase
    [InlineData("base", "USDC", "BASE")] // Coinbase
    [InlineData("BASEEVM", "USDC", "BASE")] // Gate
    [InlineData("avacchain", "USDC", "AVAXC")] // Coinbase
    [InlineData("AVAX_C", "USDT", "AVAXC")] // Gate
    [InlineData("CAVAX", "USDT", "AVAXC")] // Bybit
    [InlineData("MANTLE", "MNT", "MANTLE")] // Bybit: unknown, its own code
    [InlineData("OKB-X Layer", "OKB", "XLAYER")] // OKX: unknown, its own code
    public void Unify_RealSpellings_Codes(string venueName, string asset, string code)
    {
        NetworkNames.Unify(venueName, Asset.Of(asset)).ShouldBe(code);
    }
}
