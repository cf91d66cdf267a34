using System.Text.Json;
using Ivr.Service.Campaigns;

namespace Ivr.Service.Sms;

/// <summary>
/// Delivery receipt endpoints, one per provider format. Providers retry until they get their success answer, so
/// a receipt is acknowledged only once stored; a malformed one gets 400 and the provider's retry.
/// </summary>
public static class SmsReceiptsApi
{
    public static IEndpointRouteBuilder MapSmsReceipts(this IEndpointRouteBuilder app)
    {
        // Alibaba: [{"phone_number","send_time","report_time","success","err_code","err_msg","sms_size","biz_id","out_id"}]
        app.MapPost("/sms/receipts/alibaba", async (HttpRequest request, ReceiptRecorder recorder, CancellationToken ct) =>
        {
            var items = await ReadArrayAsync(request, ct);
            if (items is null) return Results.BadRequest(new { code = 1, msg = "expected a JSON array of receipts" });
            foreach (var r in items)
                await recorder.ApplyAsync(new SmsReceipt("alibaba", Str(r, "out_id"), Str(r, "biz_id"),
                    r.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.True, Str(r, "err_code"), r.GetRawText()), ct);
            return Results.Json(new { code = 0, msg = "成功" });
        });
        // Tencent: [{"user_receive_time","nationcode","mobile","report_status":"SUCCESS|FAIL","errmsg","description","sid"}]
        app.MapPost("/sms/receipts/tencent", async (HttpRequest request, ReceiptRecorder recorder, CancellationToken ct) =>
        {
            var items = await ReadArrayAsync(request, ct);
            if (items is null) return Results.BadRequest(new { result = 1, errmsg = "expected a JSON array of receipts" });
            foreach (var r in items)
                await recorder.ApplyAsync(new SmsReceipt("tencent", null, Str(r, "sid"), Str(r, "report_status") == "SUCCESS",
                    Str(r, "errmsg"), r.GetRawText()), ct);
            return Results.Json(new { result = 0, errmsg = "OK" });
        });
        return app;
    }

    static async Task<List<JsonElement>?> ReadArrayAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            return doc.RootElement.ValueKind == JsonValueKind.Array ? [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
}
