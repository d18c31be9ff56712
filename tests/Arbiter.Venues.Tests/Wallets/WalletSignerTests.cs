using Arbiter.Venues.Binance;
using Arbiter.Venues.Bithumb;
using Arbiter.Venues.Bybit;
using Arbiter.Venues.Okx;
using Arbiter.Venues.Upbit;
using Shouldly;

namespace Arbiter.Venues.Tests.Wallets;

/// <summary>
/// Signers against REFERENCE.md's vectors where it has one (Binance), and otherwise against values computed outside .NET
/// (Python <c>hmac</c>/<c>hashlib</c>/<c>base64</c>, 2026-11-21) from each venue's documented formula with made-up keys.
/// </summary>
public sealed class WalletSignerTests
{
    private static readonly Guid Nonce = Guid.Parse("6f1c0a7e-2b1d-4c8e-9a3f-0d5e7b2c4a91");

    [Fact]
    public void BinanceSign_ReferenceVector_Exact()
    {
        BinanceSigner.Sign(
                "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
                "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559")
            .ShouldBe("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
    }

    [Fact]
    public void BybitSign_DocsPlaintextWithOwnSecret_Exact()
    {
        // The docs' plaintext (REFERENCE §3); its secret is not published, so the secret here is made up.
        BybitSigner.Sign("bybit-test-secret", 1658384314791, "XXXXXXXXXX", 5000, "category=option&symbol=BTC-29JUL22-25000-C")
            .ShouldBe("603cf75a23e0bd0a5226adb8f4f42accf1a7b89145fc1c05d3ec5f6855b26c67");
        BybitSigner.Sign("bybit-test-secret", 1658384314791, "XXXXXXXXXX", 5000, "")
            .ShouldBe("74afe48327c737a1762b822decb288864a3802bf73cbbe4e719df41202ede3a0");
    }

    [Fact]
    public void OkxSign_DocsExampleRequest_Exact()
    {
        var timestamp = OkxSigner.Timestamp(new DateTimeOffset(2020, 12, 8, 9, 8, 57, 715, TimeSpan.Zero));

        timestamp.ShouldBe("2020-12-08T09:08:57.715Z");
        OkxSigner.Sign("okx-test-secret", timestamp, "GET", "/api/v5/account/balance?ccy=BTC", "")
            .ShouldBe("zoyYBAbbthbWS/lMxs58ldmr49iLIYLocgewx2gd6g8=");
    }

    [Fact]
    public void OkxTimestamp_NonUtcOffset_WrittenInUtc()
    {
        OkxSigner.Timestamp(new DateTimeOffset(2020, 12, 8, 18, 8, 57, 5, TimeSpan.FromHours(9))).ShouldBe("2020-12-08T09:08:57.005Z");
    }

    [Fact]
    public void UpbitToken_NoQuery_Hs512WithoutQueryHash()
    {
        UpbitSigner.Token("upbit-access-key", "upbit-secret-key", Nonce, query: null).ShouldBe(
            "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9"
            + ".eyJhY2Nlc3Nfa2V5IjoidXBiaXQtYWNjZXNzLWtleSIsIm5vbmNlIjoiNmYxYzBhN2UtMmIxZC00YzhlLTlhM2YtMGQ1ZTdiMmM0YTkxIn0"
            + ".IpHAYs-_etoVa7kEVj6Ekruh3OTsITbZoVfT0X4R8fHRx3V9ryfj3MZJiFpA_ly1_vyYoatFTu_ENPOivQlXEQ");
    }

    [Fact]
    public void UpbitToken_WithQuery_CarriesSha512QueryHash()
    {
        UpbitSigner.Token("upbit-access-key", "upbit-secret-key", Nonce, "currency=BTC&net_type=BTC").ShouldBe(
            "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9"
            + ".eyJhY2Nlc3Nfa2V5IjoidXBiaXQtYWNjZXNzLWtleSIsIm5vbmNlIjoiNmYxYzBhN2UtMmIxZC00YzhlLTlhM2YtMGQ1ZTdiMmM0YTkxIiwicXVlcnlfaGFzaCI6IjFjMjM2MmNhOWQ3OTk0NzU4MmNhZTE5MmFjZjYzZWZiODc1NmNhYTQ5YWYxZWI2NGIxMmJhNDU2MTcxNjU0MzFhM2RkM2U0N2QwNDc2YmMyYTM0N2I3YTFlYTUxMmRiN2YzMTZmNTYxNDQwODRiMTQ5MzE2NmUzYzkxMTNhOGViIiwicXVlcnlfaGFzaF9hbGciOiJTSEE1MTIifQ"
            + ".F4SUfNk9_Z28plfeTzGQp4_SxozKd2knz-jT4uNjMqXkNIe7QPQ50W5XmcsRkoie2azyL7Ca6lu6-RwXCC7KNA");
    }

    [Fact]
    public void BithumbToken_NoQuery_Hs256WithMillisecondTimestamp()
    {
        BithumbSigner.Token("bithumb-access-key", "bithumb-secret-key", Nonce, 1732195200123, query: null).ShouldBe(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJhY2Nlc3Nfa2V5IjoiYml0aHVtYi1hY2Nlc3Mta2V5Iiwibm9uY2UiOiI2ZjFjMGE3ZS0yYjFkLTRjOGUtOWEzZi0wZDVlN2IyYzRhOTEiLCJ0aW1lc3RhbXAiOjE3MzIxOTUyMDAxMjN9"
            + ".9h13dVN0KCjLAAIRF1WSD3GE_FJOH_keeNpFt403kbE");
    }
}
