using System.Globalization;
using System.Text.Json;

namespace Ivr.Simulator.Http;

/// <summary>
/// A request's parameters as Asterisk reads them: query string first (a repeated parameter: the last one wins),
/// then the fields of a JSON body, then form fields.
/// </summary>
internal sealed class AriRequest
{
    readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public JsonElement? Body { get; private set; }
    public string? BodyText { get; private set; }

    public static async Task<AriRequest> ReadAsync(HttpRequest http)
    {
        var r = new AriRequest();
        if (http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(http.Body);
            r.BodyText = await reader.ReadToEndAsync();
            http.HttpContext.Items[nameof(BodyText)] = r.BodyText;
            r.AddBody(r.BodyText, http.ContentType);
        }
        foreach (var (k, v) in http.Query) r.values[k] = v[^1] ?? "";
        return r;
    }

    public static AriRequest From(IEnumerable<KeyValuePair<string, string>> query, string? body, string? contentType)
    {
        var r = new AriRequest { BodyText = body };
        if (body is { Length: > 0 }) r.AddBody(body, contentType);
        foreach (var (k, v) in query) r.values[k] = v;
        return r;
    }

    void AddBody(string text, string? contentType)
    {
        if (text.Length == 0) return;
        if (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                var k = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
                values[k] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
            return;
        }
        try
        {
            using var doc = JsonDocument.Parse(text);
            Body = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new BadBodyException();
        }
        if (Body is { ValueKind: JsonValueKind.Object } o)
            foreach (var p in o.EnumerateObject())
                values[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString()!,
                    JsonValueKind.Object or JsonValueKind.Array => p.Value.GetRawText(),
                    _ => p.Value.GetRawText(),
                };
    }

    public string? this[string name] => values.GetValueOrDefault(name);

    public bool Has(string name) => values.ContainsKey(name);

    public int? Int(string name) =>
        values.TryGetValue(name, out var v) && int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    public bool Bool(string name, bool fallback = false) =>
        values.TryGetValue(name, out var v) ? v is "true" or "1" or "yes" : fallback;

    /// <summary>A comma-separated list parameter (Asterisk splits on commas; repeating the parameter does not make a list).</summary>
    public IReadOnlyList<string> List(string name) =>
        values.TryGetValue(name, out var v) && v.Length > 0 ? v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];

    /// <summary>The <c>variables</c> object of an originate/create body: <c>{"variables":{"NAME":"value"}}</c>.</summary>
    public IReadOnlyDictionary<string, string> Variables()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Body is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("variables", out var vars) && vars.ValueKind == JsonValueKind.Object)
            foreach (var p in vars.EnumerateObject())
                result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        return result;
    }
}

/// <summary>The request body is not JSON: Asterisk answers 400.</summary>
internal sealed class BadBodyException() : Exception("Request body is not valid JSON");
