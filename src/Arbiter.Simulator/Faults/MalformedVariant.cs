namespace Arbiter.Simulator;

/// <summary>How a MalformedFrame fault corrupts a copy of the step's real frame.</summary>
public enum MalformedVariant
{
    /// <summary>The frame cut short: not valid JSON.</summary>
    Truncated = 0,

    /// <summary>A 0xFF byte inside a string: not valid UTF-8.</summary>
    InvalidUtf8 = 1,

    /// <summary>A price of NaN ("NaN" string on Binance, a bare NaN token on Upbit).</summary>
    NotANumber = 2,

    /// <summary>A negative quantity.</summary>
    Negative = 3,

    /// <summary>A price of 1e400, beyond any numeric type.</summary>
    Huge = 4,

    /// <summary>A quantity with 10 decimals, finer than any lot.</summary>
    ExcessDecimals = 5,
}
