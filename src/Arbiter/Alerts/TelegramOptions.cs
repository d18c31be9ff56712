using System.Text.RegularExpressions;
using Arbiter.Venues.Wallets;

namespace Arbiter.Alerts;

/// <summary>The <c>Alerts:Telegram</c> section: the Bot API endpoint, the bot token (a secret) and who may use the bot.</summary>
public sealed partial class TelegramOptions
{
    /// <summary>Bot API base URL; a fake server's address in tests.</summary>
    public string BaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>The bot token (secret: never logged, shown only masked). Empty: the bot is off.</summary>
    public string? BotToken { get; set; }

    /// <summary>Chats that may subscribe and change settings.</summary>
    public List<long> AllowedChatIds { get; set; } = [];

    /// <summary>When true any chat may subscribe (off by default).</summary>
    public bool OpenMode { get; set; }

    /// <summary>Where status notices go (and a chat that may always use the commands); none when null.</summary>
    public long? AdminChatId { get; set; }

    /// <summary>Long-polling timeout of <c>getUpdates</c>.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>True when a bot token is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>The token masked (<c>1234…wxyz</c>), for display.</summary>
    public string MaskedToken => VenueCredentials.Mask(BotToken);

    /// <summary>True when <paramref name="chatId"/> may subscribe or change anything.</summary>
    public bool IsAllowed(long chatId) => OpenMode || AllowedChatIds.Contains(chatId) || AdminChatId == chatId;

    public IEnumerable<string> Validate(string section)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Query.Length > 0)
        {
            yield return $"{section}:BaseUrl must be an absolute http(s) URL without a query, like https://api.telegram.org (got '{BaseUrl}').";
        }

        if (Enabled && !TokenShape().IsMatch(BotToken!))
        {
            yield return $"{section}:BotToken must look like 123456:ABC-def_… (digits, ':', then letters, digits, '-' or '_'); the value is not shown.";
        }

        // Long polling: 0 would make the poller spin against the API.
        if (PollTimeout < TimeSpan.FromSeconds(1) || PollTimeout > TimeSpan.FromSeconds(50))
        {
            yield return $"{section}:PollTimeout must be 00:00:01..00:00:50 (got {PollTimeout}).";
        }

        if (Enabled && !OpenMode && AllowedChatIds.Count == 0 && AdminChatId is null)
        {
            yield return $"{section}:AllowedChatIds is empty and {section}:OpenMode is false: nobody could use the bot (add chat ids, or set OpenMode to true).";
        }
    }

    [GeneratedRegex("^[0-9]+:[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenShape();

    public override string ToString() => $"TelegramOptions {{ BaseUrl = {BaseUrl}, BotToken = {MaskedToken}, AllowedChatIds = {AllowedChatIds.Count}, OpenMode = {OpenMode} }}";
}
