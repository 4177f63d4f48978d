namespace Sofia.PaperOms.Domain;

/// <summary>
/// One book's fills in the replay window, as the OMS made them and as the replay made them. Window PnL is the cash flow
/// of the window's fills plus their net quantity valued at the window's last trade price (what both runs held before
/// the window is the same and cancels out); slippage is the fills' summed |price − reference| × quantity.
/// </summary>
internal sealed record PaperBookDivergence(
    string Book,
    int LiveFills,
    int ReplayFills,
    decimal LivePnl,
    decimal ReplayPnl,
    decimal PnlDifference,
    decimal LiveSlippage,
    decimal ReplaySlippage,
    decimal SlippageDifference,
    IReadOnlyList<string> OnlyLive,
    IReadOnlyList<string> OnlyReplay);
