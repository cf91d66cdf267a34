using Ivr.Menus.Loading;
using Ivr.Service.Menus;

namespace Ivr.Tests.Menus;

public class MenuStoreTests
{
    const string Good = "entries: {\"12366\": bye}\nnodes:\n  bye: {type: hangup, prompt: goodbye}\n";

    [Fact]
    public void Broken_first_load_refuses_to_start_with_every_error()
    {
        var e = Assert.Throws<MenuLoadException>(() => MenuStore.Open(() => TestHost.Load("nodes:\n  bye: {type: hangp}\n")));
        Assert.Contains("menu.yaml:2:15: error: node 'bye': unknown type 'hangp' (did you mean 'hangup'?)", e.Message);
        Assert.Contains("no entry node for '12366'", e.Message);
    }

    [Fact]
    public void Broken_reload_keeps_the_last_good_menus_and_a_good_one_swaps_them_for_new_calls_only()
    {
        var text = Good;
        var store = MenuStore.Open(() => TestHost.Load(text));
        var first = store.Current;
        var changes = new List<string>();
        store.Changed += set => changes.Add(set.Revision);

        text = Good.Replace("hangup", "hangp");
        Assert.False(store.Reload().Succeeded);
        Assert.Same(first, store.Current);

        text = Good.Replace("goodbye", "welcome");
        Assert.True(store.Reload().Succeeded);
        Assert.NotEqual(first.Revision, store.Current.Revision);
        Assert.Equal([store.Current.Revision], changes);
        Assert.Same(first, store.Revision(first.Revision));

        store.Reload();
        Assert.Single(changes);
    }

    [Fact]
    public void With_audio_checked_a_prompt_recorded_in_one_language_only_is_an_error()
    {
        var root = Directory.CreateTempSubdirectory("prompts-");
        File.WriteAllText(Path.Combine(root.FullName, "catalog.yaml"),
            "languages: {zh-CN: zh, en-US: en}\nprompts:\n  goodbye: {zh-CN: 再见, en-US: Goodbye}\n");
        Directory.CreateDirectory(Path.Combine(root.FullName, "sounds", "zh"));
        File.WriteAllBytes(Path.Combine(root.FullName, "sounds", "zh", "goodbye.wav"), [0]);
        var catalog = Ivr.Service.Speech.PromptCatalog.Load(Path.Combine(root.FullName, "catalog.yaml"));
        var host = HostRegistry.Catalog(catalog, Path.Combine(root.FullName, "sounds")) with { RequiredEntries = new HashSet<string> { "12366" } };
        var result = MenuLoader.Load([new MenuSource("m.yaml", Good)], host);
        Assert.Equal("m.yaml:3:31: error: node 'bye': prompt 'goodbye' has no en-US version (add the text to prompts/catalog.yaml and run 'ivr prompts build')",
            Assert.Single(result.Errors).ToString());
        root.Delete(recursive: true);
    }
}
