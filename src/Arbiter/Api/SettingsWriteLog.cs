using Microsoft.Extensions.Logging;

namespace Arbiter.Api;

/// <summary>Log messages of runtime settings changes (event ids 6100–6199). Only runtime-changeable keys appear, none of them a secret.</summary>
internal static partial class SettingsWriteLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Setting {Key} changed at runtime: {Old} → {New}")]
    public static partial void Changed(ILogger logger, string key, string old, string @new);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Stored settings override {Key} = '{Value}' skipped: {Reason}")]
    public static partial void StoredSkipped(ILogger logger, string key, string value, string reason);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Settings overrides restored from the store: {Count}")]
    public static partial void Restored(ILogger logger, int count);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Information, Message = "Stored settings override {Key} applies to {NewKey}: its webhook moved in Alerts:Webhooks")]
    public static partial void StoredMoved(ILogger logger, string key, string newKey);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Error, Message = "Settings overrides could not be saved to the store: {Error}")]
    public static partial void NotSaved(ILogger logger, string error);
}
