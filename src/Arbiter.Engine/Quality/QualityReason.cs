namespace Arbiter.Engine;

/// <summary>Why a book update was rejected by the data-quality checks; None when it passed.</summary>
public enum QualityReason : byte
{
    None = 0,
    NonPositivePrice = 1,
    Crossed = 2,
    ExchangeTimeTooOld = 3,
    WideSpread = 4,
    OutsideBounds = 5,
}
