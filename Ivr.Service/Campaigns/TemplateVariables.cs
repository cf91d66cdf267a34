using System.Text.Json;

namespace Ivr.Service.Campaigns;

/// <summary>A target's variables (a JSON object from the audience's extra columns) as template parameters.</summary>
static class TemplateVariables
{
    public static IReadOnlyDictionary<string, string> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var map = new Dictionary<string, string>();
        foreach (var p in doc.RootElement.EnumerateObject())
            map[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Null => "",
                _ => p.Value.GetRawText(),
            };
        return map;
    }
}
