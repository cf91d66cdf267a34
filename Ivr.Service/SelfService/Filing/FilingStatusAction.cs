using Ivr.Menus.Input;
using Ivr.Service.Calls.Menu;

namespace Ivr.Service.SelfService.Filing;

/// <summary>
/// filing.status: whether the taxpayer has filed every return due for the current period (the previous month, filed
/// this month). Only a caller whose number is registered for the taxpayer hears it; others get <c>not_authorised</c>.
/// Whether a taxpayer exists is not secret (credit codes are public on every business licence), its filings are.
/// </summary>
public sealed partial class FilingStatusAction(TaxpayerDirectory directory, TimeProvider time, ILogger<FilingStatusAction> logger) : IMenuAction
{
    public string Name => "filing.status";

    public async Task<ActionResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, ActionCall call, CancellationToken ct)
    {
        var today = ChinaTime.Today(time);
        var keyed = ActionArguments.Required(arguments, Name, "taxpayer-id");
        if (TaxpayerId.Check(keyed, today) is not DigitCheck.Valid valid)
        {
            // The menu validates the id before it calls: an id failing here names no taxpayer, so none is found.
            LogInvalidId(logger, call.ChannelId, TaxpayerId.Masked(keyed));
            return ActionResult.Of("unknown_taxpayer");
        }
        var id = valid.Value;
        var access = await directory.AccessAsync(id, CallerNumber.Normalise(call.CallerNumber), ct);
        if (access != TaxpayerAccess.Registered)
        {
            LogRefused(logger, call.ChannelId, TaxpayerId.Masked(id), access);
            return ActionResult.Of(access == TaxpayerAccess.UnknownTaxpayer ? "unknown_taxpayer" : "not_authorised");
        }
        var period = today.AddMonths(-1);
        var filings = await directory.FilingsAsync(id, $"{period:yyyy-MM}", ct);
        var outputs = new Dictionary<string, string> { ["period"] = $"{period:yyyyMM}" };
        if (filings.Due == 0 || filings.Filed < filings.Due) return new ActionResult("not_filed", outputs);
        outputs["filed-on"] = ChinaTime.Spoken(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(filings.LastFiledAt!.Value, ChinaTime.Zone).DateTime));
        return new ActionResult("filed", outputs);
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Warning, Message = "call {Channel}: filing.status got taxpayer id {Id}, which fails its check character")]
    static partial void LogInvalidId(ILogger logger, string channel, string id);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Information, Message = "call {Channel}: filing status of {Id} not told ({Access})")]
    static partial void LogRefused(ILogger logger, string channel, string id, TaxpayerAccess access);
}
