using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Menus.Engine;

namespace Ivr.Tests.Menus.Production;

/// <summary>The menus folder watched on a real PostgreSQL and Redis: good edits reach new calls, bad ones change nothing.</summary>
public sealed class HotReloadTests : ClusterTest
{
    [Fact]
    public async Task A_menu_file_saved_by_an_editor_is_picked_up_once_and_stored_as_written_by_the_file_watcher()
    {
        var instance = await Cluster.StartAsync();
        var before = instance.Store.Current;
        var switched = instance.NextSwitch();

        instance.Edit(MenuChanges.File, MenuChanges.GreetWithGoodbye);

        var now = await switched;
        Assert.NotEqual(before.Revision, now.Revision);
        Assert.Same(now, instance.Store.Current);
        Assert.Equal("goodbye", SpokenPrompt(new MenuEngine(now).Start(Started())));
        var history = await instance.Deployment.Revisions.HistoryAsync(10, default);
        Assert.Equal([(now.Revision, "file watcher", "file change"), (before.Revision, "start-up", "start-up")],
            history.Select(a => (a.Revision, a.ActivatedBy, a.Reason)));
        var stored = await instance.Deployment.Revisions.GetAsync(now.Revision, default);
        Assert.Equal("file watcher", stored!.CreatedBy);
        Assert.Equal(File.ReadAllText(Path.Combine(instance.Folder, MenuChanges.File)), stored.Files.Single(f => f.Path == MenuChanges.File).Text);
        Assert.Contains("fragments/seats.yaml", stored.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task A_broken_file_is_refused_with_file_line_and_hint_and_the_old_revision_keeps_serving()
    {
        var instance = await Cluster.StartAsync();
        var before = instance.Store.Current;
        var refused = instance.NextRejection();

        instance.Edit(MenuChanges.File, MenuChanges.MistypeWelcome);

        var rejection = await refused;
        var error = Assert.Single(rejection.Errors, e => e.Message.Contains("plya")).ToString();
        Assert.StartsWith("12366.yaml:28:", error);
        Assert.Contains("unknown type 'plya' (did you mean 'play'?)", error);
        Assert.Equal("file watcher", rejection.By);
        Assert.Contains(instance.Log.Lines, l => l.StartsWith("Error: 12366.yaml:28:", StringComparison.Ordinal) && l.Contains("did you mean 'play'"));
        Assert.Same(before, instance.Store.Current);
        Assert.Single(await instance.Deployment.Revisions.ListAsync(10, default));

        using var viewer = instance.Client(MenuCluster.ViewerKey);
        var status = await viewer.GetFromJsonAsync<JsonElement>("admin/menus");
        Assert.Equal(before.Revision, status.GetProperty("current").GetString());
        var shown = status.GetProperty("lastRejection").GetProperty("errors").EnumerateArray().Single(e => e.GetProperty("line").GetInt32() == 28);
        Assert.Equal("12366.yaml", shown.GetProperty("file").GetString());
        Assert.Equal("did you mean 'play'?", shown.GetProperty("hint").GetString());
    }

    [Fact]
    public async Task A_call_in_progress_keeps_its_revision_while_a_new_call_gets_the_new_one()
    {
        var instance = await Cluster.StartAsync();
        var inProgress = new MenuEngine(instance.Store.Current);
        var first = inProgress.Start(Started());
        Assert.Equal("welcome", SpokenPrompt(first));

        var switched = instance.NextSwitch();
        instance.Edit(MenuChanges.File, MenuChanges.GreetWithGoodbye);
        await switched;

        var next = inProgress.Handle(first.State, new CallEvent.PromptFinished(PlaybackId(first)));
        Assert.Equal("main-menu", SpokenPrompt(next));
        Assert.Same(inProgress.Set, instance.Store.Revision(first.State.Revision));
        Assert.Equal("goodbye", SpokenPrompt(new MenuEngine(instance.Store.Current).Start(Started())));
    }

    static CallEvent.Started Started() => new("13800000000", "12366", null, new DateOnly(2026, 11, 23), new HashSet<string>());

    static CallCommand.Play FirstPlay(Step step) => step.Commands.OfType<CallCommand.Play>().First();

    static string PlaybackId(Step step) => FirstPlay(step).PlaybackId;

    static string SpokenPrompt(Step step) => Assert.IsType<Spoken.Prompt>(FirstPlay(step).Items[0]).Id;
}
