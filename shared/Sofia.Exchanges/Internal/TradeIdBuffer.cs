using System.Runtime.CompilerServices;

namespace Sofia.Exchanges.Internal;

/// <summary>Inline storage for a trade id's UTF-8 bytes, so a parsed trade owns no heap memory.</summary>
[InlineArray(Length)]
internal struct TradeIdBuffer
{
    public const int Length = 48;

    private byte _element0;
}
