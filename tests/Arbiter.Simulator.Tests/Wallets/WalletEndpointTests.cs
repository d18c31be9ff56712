using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

/// <summary>Each venue's wallet endpoint, exact JSON for the seeded default model (XRP: one network; USDT: three with contracts).</summary>
public sealed class WalletEndpointTests
{
    private static readonly long Now = SimClock.At(10);

    [Fact]
    public void Binance_GetAll_XrpAndUsdtNetworks()
    {
        var sim = NewSimulation();
        var query = ClientSigner.BinanceQuery($"timestamp={ClientSigner.Millis(Now)}");
        var response = sim.Binance.HandleHttp(SimHttpRequest.Get("/sapi/v1/capital/config/getall?" + query, Now, ("X-MBX-APIKEY", ClientSigner.Key)));
        Assert.Equal(200, response.StatusCode);
        using var body = JsonDocument.Parse(response.Body);
        var coins = body.RootElement.EnumerateArray().ToList();
        Assert.Equal(["BTC", "ETH", "XRP", "USDT"], coins.Select(c => c.GetProperty("coin").GetString()));
        Assert.Equal(
            """{"coin":"XRP","depositAllEnable":true,"withdrawAllEnable":true,"name":"XRP","free":"0","locked":"0","freeze":"0","withdrawing":"0","ipoing":"0","ipoable":"0","storage":"0","isLegalMoney":false,"trading":true,"networkList":[{"network":"XRP","coin":"XRP","withdrawIntegerMultiple":"0.00000001","isDefault":true,"depositEnable":true,"withdrawEnable":true,"depositDesc":"","withdrawDesc":"","specialTips":"","name":"XRP Ledger","resetAddressStatus":false,"withdrawFee":"0.2","withdrawMin":"1","withdrawMax":"9999999999","minConfirm":1,"unLockConfirm":1,"sameAddress":false,"busy":false,"contractAddressUrl":"","contractAddress":""}]}""",
            coins[2].GetRawText());
        var usdt = coins[3].GetProperty("networkList").EnumerateArray().ToList();
        Assert.Equal(["ETH", "TRX", "BSC"], usdt.Select(n => n.GetProperty("network").GetString()));
        Assert.Equal([SimWalletDefaults.UsdtErc20, SimWalletDefaults.UsdtTrc20, SimWalletDefaults.UsdtBep20], usdt.Select(n => n.GetProperty("contractAddress").GetString()));
        Assert.Equal(["4", "1", "0.5"], usdt.Select(n => n.GetProperty("withdrawFee").GetString()));
        Assert.Equal("ARBITRUM", coins[1].GetProperty("networkList")[1].GetProperty("network").GetString());
        Assert.Equal("0.0002", coins[0].GetProperty("networkList")[0].GetProperty("withdrawFee").GetString());
    }

    [Fact]
    public void Bybit_QueryInfo_Xrp()
    {
        var sim = NewSimulation();
        var response = sim.Bybit.HandleHttp(SimHttpRequest.Get("/v5/asset/coin/query-info?coin=XRP", Now, ClientSigner.BybitHeaders("coin=XRP", ClientSigner.Millis(Now))));
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(
            $$"""{"retCode":0,"retMsg":"","result":{"rows":[{"name":"XRP","coin":"XRP","remainAmount":"1000000","chains":[{"chainType":"XRP Ledger","confirmation":"1","withdrawFee":"0.2","depositMin":"0","withdrawMin":"1","chain":"XRP","chainDeposit":"1","chainWithdraw":"1","minAccuracy":"8","withdrawPercentageFee":"0","contractAddress":"","safeConfirmNumber":"1"}]}]},"retExtInfo":{},"time":{{ClientSigner.Millis(Now)}}}""",
            response.BodyText);
        using var eth = JsonDocument.Parse(sim.Bybit.HandleHttp(SimHttpRequest.Get("/v5/asset/coin/query-info?coin=ETH", Now, ClientSigner.BybitHeaders("coin=ETH", ClientSigner.Millis(Now)))).Body);
        Assert.Equal(["ETH", "ARBI"], eth.RootElement.GetProperty("result").GetProperty("rows")[0].GetProperty("chains").EnumerateArray().Select(c => c.GetProperty("chain").GetString()));
    }

    [Fact]
    public void Okx_Currencies_XrpAndUsdtChains()
    {
        var sim = NewSimulation();
        const string Path = "/api/v5/asset/currencies?ccy=XRP";
        var response = sim.Okx.HandleHttp(SimHttpRequest.Get(Path, Now, ClientSigner.OkxHeaders(Path, Now)));
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(
            """{"code":"0","msg":"","data":[{"ccy":"XRP","name":"XRP","logoLink":"","chain":"XRP-XRP","ctAddr":"","canDep":true,"canWd":true,"canInternal":true,"minDep":"0.00000001","minWd":"1","maxWd":"9999999999","wdTickSz":"8","fee":"0.2","minFee":"0.2","maxFee":"0.2","mainNet":true,"needTag":true,"minDepArrivalConfirm":"1","minWdUnlockConfirm":"1"}]}""",
            response.BodyText);
        const string UsdtPath = "/api/v5/asset/currencies?ccy=USDT,ETH";
        using var usdt = JsonDocument.Parse(sim.Okx.HandleHttp(SimHttpRequest.Get(UsdtPath, Now, ClientSigner.OkxHeaders(UsdtPath, Now))).Body);
        Assert.Equal(["ETH-ERC20", "ETH-Arbitrum One", "USDT-ERC20", "USDT-TRC20", "USDT-BSC"], usdt.RootElement.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("chain").GetString()));
    }

    [Fact]
    public void GateIo_CurrencyChains_UsdtIsPublic()
    {
        var sim = NewSimulation();
        var response = sim.GateIo.HandleHttp(SimHttpRequest.Get("/api/v4/wallet/currency_chains?currency=USDT", Now));
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(
            """[{"chain":"ETH","name_cn":"Ethereum","name_en":"Ethereum","contract_address":"0xdAC17F958D2ee523a2206206994597C13D831ec7","is_disabled":0,"is_deposit_disabled":0,"is_withdraw_disabled":0,"decimal":"6"},{"chain":"TRX","name_cn":"Tron","name_en":"Tron","contract_address":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t","is_disabled":0,"is_deposit_disabled":0,"is_withdraw_disabled":0,"decimal":"6"},{"chain":"BSC","name_cn":"BNB Smart Chain","name_en":"BNB Smart Chain","contract_address":"0x55d398326f99059fF775485246999027B3197955","is_disabled":0,"is_deposit_disabled":0,"is_withdraw_disabled":0,"decimal":"6"}]""",
            response.BodyText);
        Assert.Equal("[]", sim.GateIo.HandleHttp(SimHttpRequest.Get("/api/v4/wallet/currency_chains?currency=NOPE", Now)).BodyText);
        var missing = sim.GateIo.HandleHttp(SimHttpRequest.Get("/api/v4/wallet/currency_chains", Now));
        Assert.Equal((400, """{"label":"MISSING_REQUIRED_PARAM","message":"Missing required parameter: currency"}"""), (missing.StatusCode, missing.BodyText));
    }

    [Fact]
    public void Coinbase_Currencies_Xrp()
    {
        var sim = NewSimulation();
        var response = sim.Coinbase.HandleHttp(SimHttpRequest.Get("/currencies", Now));
        Assert.Equal(200, response.StatusCode);
        using var body = JsonDocument.Parse(response.Body);
        var xrp = body.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "XRP");
        Assert.Equal(
            """{"id":"XRP","name":"XRP","min_size":"0.00000001","status":"online","message":"","max_precision":"0.00000001","convertible_to":[],"details":{"type":"crypto","network_confirmations":1,"sort_order":0,"push_payment_methods":["crypto"],"min_withdrawal_amount":1},"default_network":"ripple","supported_networks":[{"id":"ripple","name":"XRP Ledger","status":"online","contract_address":"","crypto_address_link":"","crypto_transaction_link":"","min_withdrawal_amount":1,"max_withdrawal_amount":1000000,"network_confirmations":1,"processing_time_seconds":0,"destination_tag_regex":""}]}""",
            xrp.GetRawText());
        var usdt = body.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "USDT");
        Assert.Equal(["ethereum", "tron", "bnb_smart_chain"], usdt.GetProperty("supported_networks").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
    }

    [Fact]
    public void Kraken_Assets_AssetLevelStatus()
    {
        var sim = NewSimulation();
        var response = sim.Kraken.HandleHttp(SimHttpRequest.Get("/0/public/Assets", Now));
        Assert.Equal(
            """{"error":[],"result":{"XXBT":{"aclass":"currency","altname":"XBT","decimals":10,"display_decimals":5,"status":"enabled"},"XETH":{"aclass":"currency","altname":"ETH","decimals":10,"display_decimals":5,"status":"enabled"},"XXRP":{"aclass":"currency","altname":"XRP","decimals":10,"display_decimals":5,"status":"enabled"},"USDT":{"aclass":"currency","altname":"USDT","decimals":8,"display_decimals":4,"status":"enabled"}}}""",
            response.BodyText);
        sim.Kraken.Wallets.SetOpen("XRP", "XRP", withdraw: false);
        sim.Kraken.Wallets.SetOpen("ETH", "ETH", deposit: false, withdraw: false);
        using var after = JsonDocument.Parse(sim.Kraken.HandleHttp(SimHttpRequest.Get("/0/public/Assets?asset=XRP,XBT,ETH", Now)).Body);
        var result = after.RootElement.GetProperty("result");
        Assert.Equal(["XXBT", "XETH", "XXRP"], result.EnumerateObject().Select(p => p.Name));
        Assert.Equal("deposit_only", result.GetProperty("XXRP").GetProperty("status").GetString());
        Assert.Equal("enabled", result.GetProperty("XETH").GetProperty("status").GetString()); // ARB still open: asset level stays enabled
    }

    [Fact]
    public void Upbit_StatusWalletAndWithdrawChance()
    {
        var sim = NewSimulation();
        var token = ClientSigner.Jwt("""{"access_key":"sim-demo-key","nonce":"n-1"}""");
        var response = sim.Upbit.HandleHttp(SimHttpRequest.Get("/v1/status/wallet", Now, ClientSigner.Bearer(token)));
        Assert.Equal(200, response.StatusCode);
        using var body = JsonDocument.Parse(response.Body);
        var xrp = body.RootElement.EnumerateArray().Single(e => e.GetProperty("currency").GetString() == "XRP");
        Assert.Equal(
            """{"currency":"XRP","wallet_state":"working","block_state":"normal","block_height":1000000,"block_updated_at":"2026-01-01T09:00:01.000+09:00","block_elapsed_minutes":0,"net_type":"XRP","network_name":"XRP Ledger"}""",
            xrp.GetRawText());
        Assert.Equal(7, body.RootElement.GetArrayLength()); // BTC, ETH ×2, XRP, USDT ×3

        const string Query = "currency=BTC&net_type=BTC";
        var chanceToken = ClientSigner.Jwt($$"""{"access_key":"sim-demo-key","nonce":"n-2","query_hash":"{{ClientSigner.Sha512Hex(Query)}}","query_hash_alg":"SHA512"}""", "HS512");
        var chance = sim.Upbit.HandleHttp(SimHttpRequest.Get("/v1/withdraws/chance?" + Query, Now, ClientSigner.Bearer(chanceToken)));
        Assert.Equal(200, chance.StatusCode);
        using var c = JsonDocument.Parse(chance.Body);
        Assert.Equal("0.0005", c.RootElement.GetProperty("currency").GetProperty("withdraw_fee").GetString()); // 2.5 × Binance's 0.0002
        Assert.Equal("0.001", c.RootElement.GetProperty("withdraw_limit").GetProperty("minimum").GetString());
        Assert.Equal("working", c.RootElement.GetProperty("currency").GetProperty("wallet_state").GetString());
    }

    [Fact]
    public void Bithumb_PublicMultichainAndKeyedStatus()
    {
        var sim = NewSimulation();
        var response = sim.Bithumb.HandleHttp(SimHttpRequest.Get("/public/assetsstatus/multichain/XRP", Now));
        Assert.Equal("""{"status":"0000","data":[{"currency":"XRP","net_type":"XRP","deposit_status":1,"withdrawal_status":1}]}""", response.BodyText);
        using var all = JsonDocument.Parse(sim.Bithumb.HandleHttp(SimHttpRequest.Get("/public/assetsstatus/multichain/ALL", Now)).Body);
        Assert.Equal(7, all.RootElement.GetProperty("data").GetArrayLength());
        var token = ClientSigner.Jwt($$"""{"access_key":"sim-demo-key","nonce":"b-1","timestamp":{{ClientSigner.Millis(Now)}}}""");
        var keyed = sim.Bithumb.HandleHttp(SimHttpRequest.Get("/v1/status/wallet", Now, ClientSigner.Bearer(token)));
        Assert.Equal(200, keyed.StatusCode);
        using var status = JsonDocument.Parse(keyed.Body);
        Assert.Equal(["TRX", "BSC"], status.RootElement.EnumerateArray().Where(e => e.GetProperty("currency").GetString() == "USDT").Skip(1).Select(e => e.GetProperty("net_type").GetString()));
    }

    [Fact]
    public void Truth_Fees_DifferPerVenueAndUnifyToTheContractCodes()
    {
        var sim = NewSimulation();
        Assert.Equal(0.0002m, sim.Binance.Wallets.Find("BTC", "BTC")!.WithdrawFee);
        Assert.Equal(0.0005m, sim.Upbit.Wallets.Find("BTC", "BTC")!.WithdrawFee);
        Assert.Equal(0.0003m, sim.GateIo.Wallets.Find("BTC", "BTC")!.WithdrawFee);
        foreach (var venue in sim.Venues)
        {
            var xrp = venue.Wallets.Networks("XRP");
            Assert.Equal("XRP", Assert.Single(xrp).Network);
            foreach (var n in venue.Wallets.All)
            {
                Assert.Equal(n.Network, NetworkNames.Unify(n.VenueNetwork, Asset.Of(n.Asset))); // every spelling unifies back
            }
        }

        Assert.Equal("USDT-TRC20", sim.Okx.Wallets.Find("USDT", "TRX")!.VenueNetwork);
        Assert.Equal("tron", sim.Coinbase.Wallets.Find("USDT", "TRX")!.VenueNetwork);
        Assert.Equal(["ETH", "ARB"], sim.Binance.Wallets.Networks("ETH").Select(n => n.Network));
    }

    private static Simulation NewSimulation() => new(new SimulatorOptions(), SimClock.Start);
}
