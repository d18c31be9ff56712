namespace Arbiter.Alerts;

/// <summary>A Bot API call's outcome: <see cref="Value"/> when it succeeded, else <see cref="Error"/>.</summary>
public sealed record TelegramResult<T>(T? Value, TelegramError? Error)
{
    public bool Ok => Error is null;

    public static TelegramResult<T> Success(T value) => new(value, null);

    public static TelegramResult<T> Failed(TelegramError error) => new(default, error);
}
