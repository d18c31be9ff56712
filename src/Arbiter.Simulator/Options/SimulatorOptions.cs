using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>Settings of the simulated exchanges; <see cref="Validate"/> throws naming the bad key.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Seed of every random choice: the same seed and clock give byte-identical frames.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>The simulated coins; null (the default) means <see cref="DefaultAssets"/>. Null rather than a pre-filled list because configuration binding appends to lists.</summary>
    public List<SimAssetOptions>? Assets { get; set; }

    /// <summary>KRW per USD used to price the KRW venues' books.</summary>
    public decimal UsdKrw { get; set; } = 1380m;

    /// <summary>Premium in basis points added to the USDT price of the KRW venues (the "kimchi" premium of Tether); 0 by default.</summary>
    public double TetherPremiumBps { get; set; }

    /// <summary>Port of the FX quote listener (Dunamu's <c>/v1/forex/recent</c>) on 127.0.0.1; 0 picks a free port.</summary>
    public int FxPort { get; set; }

    /// <summary>API key the keyed wallet endpoints accept (Binance X-MBX-APIKEY, Bybit X-BAPI-API-KEY, OKX OK-ACCESS-KEY, Upbit/Bithumb access_key).</summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Secret the keyed wallet endpoints verify signatures with (HMAC key, JWT HS256/HS512 key).</summary>
    public string ApiSecret { get; set; } = DefaultApiSecret;

    /// <summary>OKX's passphrase (OK-ACCESS-PASSPHRASE).</summary>
    public string ApiPassphrase { get; set; } = DefaultApiPassphrase;

    /// <summary>The fixed demo key: not a secret, only for the simulator.</summary>
    public const string DefaultApiKey = "sim-demo-key";

    /// <summary>The fixed demo secret: not a secret, only for the simulator.</summary>
    public const string DefaultApiSecret = "sim-demo-secret";

    /// <summary>The fixed demo OKX passphrase.</summary>
    public const string DefaultApiPassphrase = "sim-demo-passphrase";

    /// <summary>Time between model steps; each step emits at most one update per symbol.</summary>
    public TimeSpan StepInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Standard deviation of the true price's random walk per step, in basis points.</summary>
    public double PriceStepBps { get; set; } = 0.3;

    public SimVenueOptions Binance { get; set; } = SimVenueOptions.DefaultsFor(VenueId.Binance);

    public SimVenueOptions Coinbase { get; set; } = SimVenueOptions.DefaultsFor(VenueId.Coinbase);

    public SimVenueOptions Bybit { get; set; } = SimVenueOptions.DefaultsFor(VenueId.Bybit);

    public SimVenueOptions GateIo { get; set; } = SimVenueOptions.DefaultsFor(VenueId.GateIo);

    public SimVenueOptions Upbit { get; set; } = SimVenueOptions.DefaultsFor(VenueId.Upbit);

    public SimVenueOptions Bithumb { get; set; } = SimVenueOptions.DefaultsFor(VenueId.Bithumb);

    public SimVenueOptions Okx { get; set; } = SimVenueOptions.DefaultsFor(VenueId.Okx);

    public SimVenueOptions Kraken { get; set; } = SimVenueOptions.DefaultsFor(VenueId.Kraken);

    /// <summary>Dislocations at fixed offsets from the start.</summary>
    public List<SimDislocation> Dislocations { get; set; } = [];

    public AutoDislocationOptions AutoDislocation { get; set; } = new();

    /// <summary>Versions of each symbol's book kept for truth look-ups.</summary>
    public int TruthCapacity { get; set; } = 4096;

    /// <summary>Frames queued per socket before the client is considered too slow and disconnected.</summary>
    public int SocketQueueCapacity { get; set; } = 1024;

    /// <summary>Interval of the server's WebSocket protocol pings (Binance pings every 20 s).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The default coins: BTC 100,000 USD, ETH 3,500, XRP 2.5 on every venue, with Binance's and Upbit's real grids; and
    /// USDT at 1.0005 USD (a stablecoin rate visibly not 1) listed only where it is a base: Coinbase USDT-USD and Kraken
    /// USDT/USD (tick 0.0001), Upbit and Bithumb KRW-USDT (tick 1 KRW).
    /// </summary>
    public static List<SimAssetOptions> DefaultAssets() =>
    [
        new() { Code = "BTC", UsdPrice = 100_000m, UsdTick = 0.01m, UsdLot = 0.00001m, KrwTick = 1000m, MinLevelQuantity = 0.01m, MaxLevelQuantity = 2.0m },
        new() { Code = "ETH", UsdPrice = 3_500m, UsdTick = 0.01m, UsdLot = 0.0001m, KrwTick = 1000m, MinLevelQuantity = 0.2m, MaxLevelQuantity = 50m },
        new() { Code = "XRP", UsdPrice = 2.5m, UsdTick = 0.0001m, UsdLot = 0.1m, KrwTick = 1m, MinLevelQuantity = 400m, MaxLevelQuantity = 80_000m },
        new()
        {
            Code = "USDT", UsdPrice = 1.0005m, UsdTick = 0.0001m, UsdLot = 0.01m, KrwTick = 1m, MinLevelQuantity = 1_000m, MaxLevelQuantity = 250_000m,
            Venues = ["coinbase", "kraken", "upbit", "bithumb"],
        },
    ];

    /// <summary>The assets in effect: <see cref="Assets"/> or the defaults.</summary>
    public IReadOnlyList<SimAssetOptions> ResolvedAssets => Assets is { Count: > 0 } ? Assets : DefaultAssets();

    /// <summary>The options of <paramref name="venue"/>.</summary>
    public SimVenueOptions For(VenueId venue) => venue switch
    {
        VenueId.Binance => Binance,
        VenueId.Coinbase => Coinbase,
        VenueId.Bybit => Bybit,
        VenueId.GateIo => GateIo,
        VenueId.Upbit => Upbit,
        VenueId.Bithumb => Bithumb,
        VenueId.Okx => Okx,
        VenueId.Kraken => Kraken,
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "Unknown venue."),
    };

    /// <summary>The venues whose options say Enabled, in <see cref="VenueId"/> order.</summary>
    public IReadOnlyList<VenueId> EnabledVenues => [.. SimListings.AllVenues.Where(v => For(v)?.Enabled == true)];

    /// <summary>Leaves only <paramref name="venues"/> enabled (tests and focused demos); returns this.</summary>
    public SimulatorOptions Only(params VenueId[] venues)
    {
        ArgumentNullException.ThrowIfNull(venues);
        foreach (var venue in SimListings.AllVenues)
        {
            For(venue).Enabled = venues.Contains(venue);
        }

        return this;
    }

    /// <summary>Checks every key and throws an <see cref="ArgumentException"/> whose message names the first bad one and its allowed range.</summary>
    public void Validate()
    {
        Require(UsdKrw is >= 1m and <= 100_000m, nameof(UsdKrw), "must be 1..100000", UsdKrw);
        var assets = ResolvedAssets;
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < assets.Count; i++)
        {
            ValidateAsset(assets[i], $"Assets[{i}]", codes);
        }

        Require(double.IsFinite(TetherPremiumBps) && Math.Abs(TetherPremiumBps) <= 5000, nameof(TetherPremiumBps), "must be -5000..5000", TetherPremiumBps);
        Require(FxPort is >= 0 and <= 65535, nameof(FxPort), "must be 0..65535", FxPort);
        Require(!string.IsNullOrEmpty(ApiKey), nameof(ApiKey), "must not be empty", ApiKey);
        Require(!string.IsNullOrEmpty(ApiSecret), nameof(ApiSecret), "must not be empty", "(hidden)");
        Require(!string.IsNullOrEmpty(ApiPassphrase), nameof(ApiPassphrase), "must not be empty", "(hidden)");
        Require(StepInterval >= TimeSpan.FromMilliseconds(1) && StepInterval <= TimeSpan.FromSeconds(10), nameof(StepInterval), "must be 1 ms..10 s", StepInterval);
        Require(double.IsFinite(PriceStepBps) && PriceStepBps is >= 0 and <= 100, nameof(PriceStepBps), "must be 0..100", PriceStepBps);
        var ports = new HashSet<int>();
        foreach (var venue in SimListings.AllVenues)
        {
            var key = venue.ToString();
            ValidateVenue(For(venue), key, SimListings.IsKrw(venue) ? 30 : 5000);
            var port = For(venue).Port;
            Require(port is >= 0 and <= 65535, key + ".Port", "must be 0..65535", port);
            Require(port == 0 || ports.Add(port), key + ".Port", "must differ from the other venues' ports", port);
        }

        Require(FxPort == 0 || !ports.Contains(FxPort), nameof(FxPort), "must differ from the venues' ports", FxPort);

        Require(EnabledVenues.Count > 0, "Enabled", "must be true for at least one venue", null);
        for (var i = 0; i < Dislocations.Count; i++)
        {
            var d = Dislocations[i];
            var key = $"{nameof(Dislocations)}[{i}]";
            Require(d is not null, key, "must not be null", null);
            Require(Enum.IsDefined(d!.Venue) && For(d.Venue).Enabled, key + ".Venue", "must be an enabled venue", d.Venue);
            Require(codes.Contains(d.Asset ?? ""), key + ".Asset", "must be one of the Assets codes", d.Asset);
            Require(double.IsFinite(d.Bps) && Math.Abs(d.Bps) <= 5000, key + ".Bps", "must be -5000..5000", d.Bps);
            Require(d.Start >= TimeSpan.Zero, key + ".Start", "must be >= 0", d.Start);
            Require(d.Length > TimeSpan.Zero, key + ".Length", "must be > 0", d.Length);
        }

        var auto = AutoDislocation;
        Require(auto is not null, nameof(AutoDislocation), "must not be null", null);
        Require(auto!.FirstAfter >= TimeSpan.Zero, "AutoDislocation.FirstAfter", "must be >= 0", auto.FirstAfter);
        Require(auto.Length > TimeSpan.Zero, "AutoDislocation.Length", "must be > 0", auto.Length);
        Require(auto.Every >= auto.Length, "AutoDislocation.Every", "must be >= AutoDislocation.Length", auto.Every);
        Require(double.IsFinite(auto.MinBps) && auto.MinBps is > 0 and <= 5000, "AutoDislocation.MinBps", "must be in (0, 5000]", auto.MinBps);
        Require(double.IsFinite(auto.MaxBps) && auto.MaxBps >= auto.MinBps && auto.MaxBps <= 5000, "AutoDislocation.MaxBps", "must be MinBps..5000", auto.MaxBps);
        Require(TruthCapacity is >= 16 and <= 1_000_000, nameof(TruthCapacity), "must be 16..1000000", TruthCapacity);
        Require(SocketQueueCapacity is >= 1 and <= 1_000_000, nameof(SocketQueueCapacity), "must be 1..1000000", SocketQueueCapacity);
        Require(KeepAliveInterval >= TimeSpan.Zero, nameof(KeepAliveInterval), "must be >= 0 (0 disables)", KeepAliveInterval);
    }

    private void ValidateAsset(SimAssetOptions asset, string key, HashSet<string> codes)
    {
        Require(asset is not null, key, "must not be null", null);
        var code = asset!.Code ?? "";
        var codeOk = code.Length is >= 1 and <= 10;
        foreach (var c in code)
        {
            codeOk &= char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);
        }

        Require(codeOk, key + ".Code", "must be 1..10 upper-case letters or digits", code);
        Require(code != "KRW", key + ".Code", "must not be a quote currency", code);
        if (asset.Venues is { } venues)
        {
            for (var v = 0; v < venues.Count; v++)
            {
                Require(VenueNames.TryParse(venues[v], out _), $"{key}.Venues[{v}]", "must be a venue name (binance, coinbase, bybit, gateio, upbit, bithumb, okx, kraken)", venues[v]);
            }
        }

        foreach (var venue in SimListings.AllVenues)
        {
            Require(!asset.IsListedOn(venue) || SimListings.Quote(venue) != code, key + ".Venues", $"must not list {code} on {venue.Name()}, whose quote it is", code);
        }

        if (asset.Networks is { } networks)
        {
            Require(networks.Count > 0, key + ".Networks", "must name at least one network (or be null for the defaults)", networks.Count);
            for (var n = 0; n < networks.Count; n++)
            {
                var nk = $"{key}.Networks[{n}]";
                Require(networks[n] is not null && !string.IsNullOrWhiteSpace(networks[n].Network), nk + ".Network", "must not be empty", networks[n]?.Network);
                Require(networks[n].WithdrawFee is null or >= 0m, nk + ".WithdrawFee", "must be >= 0", networks[n].WithdrawFee);
                Require(networks[n].WithdrawMin is null or >= 0m, nk + ".WithdrawMin", "must be >= 0", networks[n].WithdrawMin);
                Require(networks[n].Confirmations is null or >= 0, nk + ".Confirmations", "must be >= 0", networks[n].Confirmations);
                foreach (var name in networks[n].VenueContracts?.Keys ?? (IEnumerable<string>)[])
                {
                    Require(VenueNames.TryParse(name, out _), nk + ".VenueContracts", "keys must be venue names", name);
                }
            }
        }
        Require(codes.Add(code), key + ".Code", "must be unique", code);
        Require(asset.UsdPrice is > 0m and <= 10_000_000m, key + ".UsdPrice", "must be in (0, 10000000]", asset.UsdPrice);
        RequireGrid(asset.UsdTick, key + ".UsdTick");
        RequireGrid(asset.UsdLot, key + ".UsdLot");
        RequireGrid(asset.KrwTick, key + ".KrwTick");
        RequireGrid(asset.KrwLot, key + ".KrwLot");
        Require(asset.UsdPrice / asset.UsdTick >= 100m, key + ".UsdTick", "must be at most 1/100 of UsdPrice", asset.UsdTick);
        var krw = asset.UsdPrice * UsdKrw;
        Require(krw / asset.KrwTick >= 100m, key + ".KrwTick", "must be at most 1/100 of the KRW price", asset.KrwTick);

        // Units must fit a long with room for a 10x move: price x 10^scale < 1e16.
        Require(asset.UsdPrice * 10 * Pow10(FixedPoint.ScaleOf(Text(asset.UsdTick))) < 1e16m, key + ".UsdTick", "is too fine for the price", asset.UsdTick);
        Require(krw * 10 * Pow10(FixedPoint.ScaleOf(Text(asset.KrwTick))) < 1e16m, key + ".KrwTick", "is too fine for the price", asset.KrwTick);
        Require(asset.MinLevelQuantity is null or > 0m, key + ".MinLevelQuantity", "must be > 0", asset.MinLevelQuantity);
        Require(asset.MaxLevelQuantity is null or > 0m, key + ".MaxLevelQuantity", "must be > 0", asset.MaxLevelQuantity);
        var min = asset.EffectiveMinQuantity;
        var max = asset.EffectiveMaxQuantity;
        Require(max >= min, key + ".MaxLevelQuantity", "must be >= MinLevelQuantity", max);
        Require(max >= asset.UsdLot && max >= asset.KrwLot, key + ".MaxLevelQuantity", "must be at least one lot", max);
        Require(max * Pow10(8) < 1e16m, key + ".MaxLevelQuantity", "must be below 1e8", max);
    }

    private static void ValidateVenue(SimVenueOptions venue, string key, int maxLevels)
    {
        Require(venue is not null, key, "must not be null", null);
        Require(venue!.LevelsPerSide >= 1 && venue.LevelsPerSide <= maxLevels, key + ".LevelsPerSide", $"must be 1..{maxLevels}", venue.LevelsPerSide);
        Require(double.IsFinite(venue.SpreadBps) && venue.SpreadBps is >= 0 and <= 1000, key + ".SpreadBps", "must be 0..1000", venue.SpreadBps);
        Require(double.IsFinite(venue.NoiseBps) && venue.NoiseBps is >= 0 and <= 1000, key + ".NoiseBps", "must be 0..1000", venue.NoiseBps);
        Require(double.IsFinite(venue.MaxLevelGapBps) && venue.MaxLevelGapBps is >= 0 and <= 1000, key + ".MaxLevelGapBps", "must be 0..1000", venue.MaxLevelGapBps);
        Require(venue.StallDuration > TimeSpan.Zero && venue.StallDuration <= TimeSpan.FromMinutes(10), key + ".StallDuration", "must be in (0, 10 min]", venue.StallDuration);
        Require(venue.BadTickEvery is >= 0 and <= 1_000_000, key + ".BadTickEvery", "must be 0..1000000 (0 = off)", venue.BadTickEvery);
        Require(Enum.IsDefined(venue.WsSnapshot), key + ".WsSnapshot", "must be Full, Empty or None", venue.WsSnapshot);
        Require(venue.Faults is not null, key + ".Faults", "must not be null", null);
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            var rate = venue.Faults!.Get(kind);
            Require(double.IsFinite(rate) && rate is >= 0 and <= 1, $"{key}.Faults.{kind}", "must be a probability 0..1", rate);
        }
    }

    private static void RequireGrid(decimal size, string key)
    {
        Require(size > 0m, key, "must be > 0", size);
        Require(FixedPoint.ScaleOf(Text(size)) <= 8, key, "must have at most 8 decimals", size);
    }

    private static string Text(decimal value) => FixedPoint.Format(value);

    private static decimal Pow10(int n) => FixedPoint.Pow10(n);

    private static void Require(bool condition, string key, string rule, object? actual)
    {
        if (!condition)
        {
            throw new ArgumentException($"Simulator option {key} {rule} (was '{actual ?? "null"}').", key);
        }
    }
}
