using System.Globalization;
using System.Text.Json;
using Arbiter.Api;
using Arbiter.Core;

namespace Arbiter.Capture;

/// <summary>
/// The JSON of the <c>data</c> field of <c>fx</c>, <c>wallets</c> and <c>settings</c> capture lines: every field of an
/// <see cref="FxQuote"/>, a <see cref="WalletSnapshot"/> or an <see cref="EngineRuntimeSettings"/>, exact numbers as decimal
/// strings, so replay rebuilds equal values.
/// </summary>
public static class CapturePayloads
{
    public static string Fx(FxQuote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return ApiJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("base", quote.Base.Code);
            w.WriteString("quote", quote.Quote.Code);
            w.WriteString("rate", quote.Rate.ToString(CultureInfo.InvariantCulture));
            w.WriteNumber("time", quote.Time);
            w.WriteString("source", quote.Source);
            w.WriteEndObject();
        });
    }

    public static FxQuote ReadFx(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new FxQuote(
            Asset.Of(root.GetProperty("base").GetString()!),
            Asset.Of(root.GetProperty("quote").GetString()!),
            decimal.Parse(root.GetProperty("rate").GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
            root.GetProperty("time").GetInt64(),
            root.GetProperty("source").GetString()!);
    }

    public static string Wallets(WalletSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return ApiJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("venue", snapshot.Venue.Name());
            w.WriteNumber("time", snapshot.Time);
            w.WriteString("source", snapshot.Source);
            w.WriteStartArray("assets");
            foreach (var asset in snapshot.Assets)
            {
                w.WriteStartObject();
                w.WriteString("asset", asset.Asset.Code);
                WriteOptional(w, "depositOpen", asset.DepositOpen);
                WriteOptional(w, "withdrawOpen", asset.WithdrawOpen);
                w.WriteStartArray("networks");
                foreach (var n in asset.Networks)
                {
                    w.WriteStartObject();
                    w.WriteString("network", n.Network);
                    w.WriteString("venueNetwork", n.VenueNetwork);
                    w.WriteBoolean("depositOpen", n.DepositOpen);
                    w.WriteBoolean("withdrawOpen", n.WithdrawOpen);
                    WriteOptional(w, "withdrawFee", n.WithdrawFee);
                    WriteOptional(w, "withdrawMin", n.WithdrawMin);
                    if (n.Confirmations is { } confirmations)
                    {
                        w.WriteNumber("confirmations", confirmations);
                    }

                    if (n.ContractAddress is { } contract)
                    {
                        w.WriteString("contract", contract);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public static WalletSnapshot ReadWallets(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var venue = Venue(root.GetProperty("venue").GetString(), "a wallets line");

        var assets = new List<AssetWallet>();
        foreach (var a in root.GetProperty("assets").EnumerateArray())
        {
            var networks = new List<NetworkStatus>();
            foreach (var n in a.GetProperty("networks").EnumerateArray())
            {
                networks.Add(new NetworkStatus(
                    n.GetProperty("network").GetString()!,
                    n.GetProperty("venueNetwork").GetString()!,
                    n.GetProperty("depositOpen").GetBoolean(),
                    n.GetProperty("withdrawOpen").GetBoolean(),
                    OptionalDecimal(n, "withdrawFee"),
                    OptionalDecimal(n, "withdrawMin"),
                    n.TryGetProperty("confirmations", out var c) ? c.GetInt32() : null,
                    n.TryGetProperty("contract", out var contract) ? contract.GetString() : null));
            }

            assets.Add(new AssetWallet(
                Asset.Of(a.GetProperty("asset").GetString()!),
                networks,
                a.TryGetProperty("depositOpen", out var d) ? d.GetBoolean() : null,
                a.TryGetProperty("withdrawOpen", out var wo) ? wo.GetBoolean() : null));
        }

        return new WalletSnapshot(venue, root.GetProperty("time").GetInt64(), assets, root.GetProperty("source").GetString()!);
    }

    public static string Settings(EngineRuntimeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ApiJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("minNetProfitUsd", settings.MinNetProfitUsd.ToString(CultureInfo.InvariantCulture));
            w.WriteString("minNetPremiumBps", settings.MinNetPremiumBps.ToString(CultureInfo.InvariantCulture));
            w.WriteString("updateThreshold", settings.UpdateThreshold.ToString("R", CultureInfo.InvariantCulture));
            w.WriteStartObject("takerFees");
            foreach (var venue in VenueNames.All)
            {
                w.WriteString(venue.Name(), settings.TakerFeeOf(venue).ToString(CultureInfo.InvariantCulture));
            }

            w.WriteEndObject();
            w.WriteStartArray("enabledVenues");
            foreach (var venue in settings.EnabledVenues)
            {
                w.WriteStringValue(venue.Name());
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public static EngineRuntimeSettings ReadSettings(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var fees = new Dictionary<VenueId, decimal>();
        foreach (var fee in root.GetProperty("takerFees").EnumerateObject())
        {
            fees[Venue(fee.Name, "takerFees")] = decimal.Parse(fee.Value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return new EngineRuntimeSettings(
            decimal.Parse(root.GetProperty("minNetProfitUsd").GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
            decimal.Parse(root.GetProperty("minNetPremiumBps").GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
            double.Parse(root.GetProperty("updateThreshold").GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
            fees,
            [.. root.GetProperty("enabledVenues").EnumerateArray().Select(v => Venue(v.GetString(), "enabledVenues"))]);
    }

    private static VenueId Venue(string? name, string where) =>
        VenueNames.TryParse(name, out var venue) ? venue : throw new FormatException($"unknown venue '{name}' in {where}.");

    private static void WriteOptional(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } v)
        {
            w.WriteBoolean(name, v);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, v.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static decimal? OptionalDecimal(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? decimal.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
}
