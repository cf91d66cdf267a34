namespace AriGen;

/// <summary>Everything the generator writes, by file name, so a test can check the checked-in output is current.</summary>
public static class Generator
{
    public static IReadOnlyList<(string Name, string Text)> RenderAll(string apiDir)
    {
        var models = ModelGenerator.ReadModels(apiDir);
        return
        [
            ("Models.g.cs", ModelGenerator.Render(models)),
            ("Resources.g.cs", RestGenerator.Render(RestGenerator.ReadResources(apiDir))),
            ("EventKeys.g.cs", RoutingGenerator.Render(models)),
        ];
    }
}
