using AriGen;

// Regenerates Ivr.Ari/Generated from the ARI description checked in beside this tool (tools/AriGen/api,
// a copy of Asterisk 22.10.1's rest-api/api-docs). Run from the repository root: dotnet run --project tools/AriGen
var root = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var apiDir = Path.Combine(root, "tools", "AriGen", "api");
var outDir = Path.Combine(root, "Ivr.Ari", "Generated");
Directory.CreateDirectory(outDir);
foreach (var (name, text) in Generator.RenderAll(apiDir))
{
    File.WriteAllText(Path.Combine(outDir, name), text);
    Console.WriteLine($"wrote Ivr.Ari/Generated/{name}");
}
