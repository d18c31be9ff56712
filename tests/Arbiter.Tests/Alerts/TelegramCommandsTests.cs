using Arbiter.Alerts;
using Arbiter.Core;
using static Arbiter.Tests.Alerts.AlertFixtures;

namespace Arbiter.Tests.Alerts;

/// <summary>The bot's commands: what each changes and replies, bad arguments, and chats that are not allowed (RELIABILITY row 22).</summary>
public sealed class TelegramCommandsTests
{
    private const long Allowed = 1001;
    private const long Stranger = 666;
    private readonly ManualTimeProvider clock = new(Start);
    private readonly InMemorySubscriberStore store = new();
    private readonly RecordingLogger logger = new();

    private TelegramCommands Commands(bool openMode = false) =>
        new(store, new TelegramOptions { BotToken = Token, AllowedChatIds = [Allowed], OpenMode = openMode }, clock, logger, () => "venues: binance ok;");

    [Fact]
    public void Apply_AllowlistedChat_SubscribesAndChangesEachSetting()
    {
        var commands = Commands();

        Assert.StartsWith("Subscribed: ", commands.Apply(Allowed, Allowed, "/start"), StringComparison.Ordinal);
        Assert.Equal("Threshold set to 42.5 bps.", commands.Apply(Allowed, Allowed, "/threshold 42.5"));
        Assert.Equal("Minimum net profit set to $25.", commands.Apply(Allowed, Allowed, "/minprofit $25"));
        Assert.Equal("Assets: BTC ETH.", commands.Apply(Allowed, Allowed, "/assets btc ETH btc"));
        Assert.Equal("Venues: binance upbit.", commands.Apply(Allowed, Allowed, "/venues Binance upbit"));
        Assert.Equal("Routes only: on (alerts only when a transfer route is open).", commands.Apply(Allowed, Allowed, "/routes on"));
        Assert.Equal("Muted for 30 min, until 2026-11-21 14:30 UTC.", commands.Apply(Allowed, Allowed, "/mute@arbiter_bot 30"));

        var settings = store.Get(Allowed)!;
        Assert.Equal(new SubscriberSettings(Allowed, 42.5m, 25m, settings.Assets, settings.Venues, true, T0 + 1_800_000_000, T0), settings);
        Assert.Equal([Asset.Btc, Asset.Of("ETH")], settings.Assets);
        Assert.Equal([VenueId.Binance, VenueId.Upbit], settings.Venues);

        Assert.Equal(
            "threshold 42.5 bps, min profit $25\nassets: BTC ETH\nvenues: binance upbit\nroutes only: on\nmuted: until 2026-11-21 14:30 UTC\nvenues: binance ok;",
            commands.Apply(Allowed, Allowed, "/status"));

        Assert.Equal("Assets: all.", commands.Apply(Allowed, Allowed, "/assets all"));
        Assert.Equal("Venues: all.", commands.Apply(Allowed, Allowed, "/venues ALL"));
        Assert.Equal("Unmuted.", commands.Apply(Allowed, Allowed, "/mute 0"));
        Assert.Equal("Routes only: off.", commands.Apply(Allowed, Allowed, "/routes off"));
        Assert.Equal(new SubscriberSettings(Allowed, 42.5m, 25m, [], [], false, 0, T0), store.Get(Allowed)! with { Assets = [], Venues = [] });
        Assert.Empty(store.Get(Allowed)!.Assets);

        Assert.Equal("Unsubscribed: no more alerts. /start subscribes again.", commands.Apply(Allowed, Allowed, "/stop"));
        Assert.Null(store.Get(Allowed));
        Assert.Equal("You were not subscribed.", commands.Apply(Allowed, Allowed, "/stop"));
        Assert.Equal(0, commands.Refused);
    }

    [Theory]
    [InlineData("/threshold", "Usage: /threshold &lt;bps&gt;, a number from 0 to 10000 (e.g. /threshold 50). Now 0 bps.")]
    [InlineData("/threshold -5", "Usage: /threshold &lt;bps&gt;, a number from 0 to 10000 (e.g. /threshold 50). Now 0 bps.")]
    [InlineData("/threshold 10000.01", "Usage: /threshold &lt;bps&gt;, a number from 0 to 10000 (e.g. /threshold 50). Now 0 bps.")]
    [InlineData("/threshold 5,5", "Usage: /threshold &lt;bps&gt;, a number from 0 to 10000 (e.g. /threshold 50). Now 0 bps.")]
    [InlineData("/threshold 1 2", "Usage: /threshold &lt;bps&gt;, a number from 0 to 10000 (e.g. /threshold 50). Now 0 bps.")]
    [InlineData("/minprofit lots", "Usage: /minprofit &lt;usd&gt;, a number from 0 to 1000000000 (e.g. /minprofit 25). Now $0.")]
    [InlineData("/assets BTC <b>", "Not an asset code: &lt;b&gt;. Usage: /assets BTC ETH … (letters and digits) or /assets all.")]
    [InlineData("/assets", "Assets: all. Usage: /assets BTC ETH … or /assets all.")]
    [InlineData("/venues binance nasdaq", "Unknown venue: nasdaq. Known: binance coinbase bybit gateio upbit bithumb okx kraken.")]
    [InlineData("/routes maybe", "Usage: /routes on|off. Now off.")]
    [InlineData("/mute -1", "Usage: /mute &lt;minutes&gt;, a whole number from 0 (unmute) to 10080 (e.g. /mute 30).")]
    [InlineData("/mute 10081", "Usage: /mute &lt;minutes&gt;, a whole number from 0 (unmute) to 10080 (e.g. /mute 30).")]
    [InlineData("/frobnicate", "Unknown command /frobnicate. /help lists the commands.")]
    public void Apply_BadArguments_ReplyHowAndChangeNothing(string text, string reply)
    {
        var commands = Commands();
        commands.Apply(Allowed, Allowed, "/start");
        var before = store.Get(Allowed);

        Assert.Equal(reply, commands.Apply(Allowed, Allowed, text));
        Assert.Equal(before, store.Get(Allowed));
    }

    [Fact]
    public void Apply_SettingBeforeStart_AsksForStart()
    {
        var commands = Commands();
        Assert.Equal("Not subscribed: send /start first.", commands.Apply(Allowed, Allowed, "/threshold 50"));
        Assert.Equal("Not subscribed (/start subscribes).\nvenues: binance ok;", commands.Apply(Allowed, Allowed, "/status"));
        Assert.Null(commands.Apply(Allowed, Allowed, "hello"));
        Assert.Empty(store.All());
    }

    [Fact]
    public void Apply_NotAllowlistedChat_ChangesNothingRepliesNothingAndIsCountedAndLogged()
    {
        var commands = Commands();
        commands.Apply(Allowed, Allowed, "/start");
        var before = store.All();

        foreach (var text in new[] { "/start", "/threshold 1", "/stop", "/status", "/help", "/mute 5", "/assets all" })
        {
            Assert.Null(commands.Apply(Stranger, 7, text));
        }

        Assert.Null(commands.Apply(Stranger + 1, null, "/start"));
        Assert.Equal(before, store.All());
        Assert.Equal(8, commands.Refused);
        Assert.Equal([Stranger, Stranger + 1], commands.RefusedChats);
        Assert.Equal("Warning 6004 Telegram command from chat 666 (user 7) ignored: the chat is not allowlisted (1 refused so far)", logger.Lines.First(l => l.Contains(" 6004 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Apply_ThousandFuzzedUpdatesFromOtherChats_NoCommandExecuted()
    {
        var commands = Commands();
        commands.Apply(Allowed, Allowed, "/start");
        commands.Apply(Allowed, Allowed, "/threshold 30");
        var before = store.All();
        var random = new Random(22); // seeded: RELIABILITY row 22
        string[] verbs = ["/start", "/stop", "/threshold", "/minprofit", "/assets", "/venues", "/routes", "/status", "/mute", "/help", "/START", "/threshold@bot", "/x"];
        string[] args = ["", "0", "-1", "all", "on", "off", "BTC ETH", "binance", "99999999999999999999999", "<b>", "\u0000", "1e9"];

        for (var i = 0; i < 1000; i++)
        {
            long chat;
            do
            {
                chat = random.NextInt64(long.MinValue, long.MaxValue);
            }
            while (chat == Allowed);

            var text = verbs[random.Next(verbs.Length)] + " " + args[random.Next(args.Length)];
            Assert.Null(commands.Apply(chat, random.Next(), text));
        }

        Assert.Equal(before, store.All());
        Assert.Equal(1000, commands.Refused);
        Assert.Equal(1000, logger.Lines.Count(l => l.Contains(" 6004 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Apply_AdminChat_IsAllowedWithoutBeingListed()
    {
        var commands = new TelegramCommands(store, new TelegramOptions { BotToken = Token, AdminChatId = 9000 }, clock, logger);
        Assert.StartsWith("Subscribed: ", commands.Apply(9000, 1, "/start"), StringComparison.Ordinal);
        Assert.Null(commands.Apply(Allowed, Allowed, "/start"));
        Assert.Equal([9000L], store.All().Select(s => s.ChatId));
    }

    [Fact]
    public void Apply_OpenMode_AnyChatMaySubscribe()
    {
        var commands = Commands(openMode: true);
        Assert.StartsWith("Subscribed: ", commands.Apply(Stranger, Stranger, "/start"), StringComparison.Ordinal);
        Assert.NotNull(store.Get(Stranger));
        Assert.Equal(0, commands.Refused);
    }

    [Fact]
    public async Task Poller_UpdatesFromBothChats_OnlyTheAllowlistedOneIsServed()
    {
        await using var bot = await FakeBotApi.StartAsync(clock, Token);
        var options = new TelegramOptions { BaseUrl = bot.BaseAddress.ToString(), BotToken = Token, AllowedChatIds = [Allowed], PollTimeout = TimeSpan.FromSeconds(1) };
        using var http = new HttpClient();
        var api = new TelegramBotApi(http, options);
        var commands = new TelegramCommands(store, options, clock, logger);
        var sender = new AlertSender(api, 10, new InMemoryAlertLog(), new OpenOpportunities(), clock, logger);
        var poller = new TelegramPoller(api, commands, sender, options.PollTimeout, clock, logger);
        using var stop = new CancellationTokenSource();
        var sending = sender.RunAsync(stop.Token);

        bot.Say(Stranger, "/start");
        bot.Say(Allowed, "/start");
        bot.Say(Stranger, "/threshold 1");
        bot.Say(Allowed, "/threshold 75");
        Assert.Null(await poller.PollOnceAsync(CancellationToken.None));
        Assert.Null(await poller.PollOnceAsync(CancellationToken.None));
        await WaitUntilAsync(() => bot.Delivered.Count == 2, "two replies");
        await stop.CancelAsync();
        await sending;

        Assert.Equal([0L, 104L], bot.Offsets);
        Assert.Equal(4, poller.Updates);
        Assert.Equal([Allowed, Allowed], bot.Delivered.Select(s => s.ChatId));
        Assert.Equal("Threshold set to 75 bps.", bot.Delivered[1].Text);
        Assert.Equal("HTML", bot.Delivered[1].ParseMode);
        Assert.Equal([SubscriberSettings.Create(Allowed, T0) with { ThresholdBps = 75m }], store.All());
        Assert.Equal(2, commands.Refused);
    }
}
