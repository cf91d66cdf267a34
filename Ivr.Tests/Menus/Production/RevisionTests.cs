using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ivr.Service.Menus.Production;

namespace Ivr.Tests.Menus.Production;

/// <summary>Revisions in PostgreSQL through the admin API: upload, validate, activate, rollback, and instances switching together.</summary>
public sealed class RevisionTests : ClusterTest
{
    [Fact]
    public async Task The_first_instance_on_an_empty_database_stores_and_activates_its_menus_folder()
    {
        var instance = await Cluster.StartAsync(overrides: Unwatched);
        var active = await instance.Deployment.Revisions.ActiveAsync(default);
        Assert.Equal((instance.Store.Current.Revision, "start-up"), (active!.Revision, active.ActivatedBy));
        using var viewer = instance.Client(MenuCluster.ViewerKey);
        var list = await viewer.GetFromJsonAsync<JsonElement>("admin/menus/revisions");
        var only = Assert.Single(list.EnumerateArray());
        Assert.True(only.GetProperty("active").GetBoolean());
        Assert.Equal(["12366.yaml", "fragments/seats.yaml", "outbound-reminder.yaml"],
            only.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task An_upload_is_stored_with_the_key_name_and_activated_and_a_broken_one_is_answered_422_with_file_line_and_hint()
    {
        var instance = await Cluster.StartAsync(overrides: Unwatched);
        using var supervisor = instance.Client(MenuCluster.SupervisorKey);

        var broken = await supervisor.PostAsJsonAsync("admin/menus/revisions", Files(instance, MenuChanges.MistypeWelcome));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        var errors = (await broken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray();
        Assert.Contains(errors, e => (e.GetProperty("file").GetString(), e.GetProperty("line").GetInt32(), e.GetProperty("hint").GetString())
            == ("12366.yaml", 28, "did you mean 'play'?"));
        Assert.Single(await instance.Deployment.Revisions.ListAsync(10, default));

        var switched = instance.NextSwitch();
        var good = await supervisor.PostAsJsonAsync("admin/menus/revisions", Files(instance, MenuChanges.GreetWithGoodbye));
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        var revision = (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetString();
        Assert.Equal(revision, (await switched).Revision);
        var stored = await instance.Deployment.Revisions.GetAsync(revision!, default);
        Assert.Equal("alice", stored!.CreatedBy);
        Assert.Equal("alice", (await instance.Deployment.Revisions.ActiveAsync(default))!.ActivatedBy);
    }

    [Fact]
    public async Task Validate_and_an_upload_without_activation_leave_the_active_revision_alone()
    {
        var instance = await Cluster.StartAsync(overrides: Unwatched);
        var before = instance.Store.Current;
        using var viewer = instance.Client(MenuCluster.ViewerKey);
        var checkedOnly = await viewer.PostAsJsonAsync("admin/menus/validate", Files(instance, MenuChanges.GreetWithGoodbye));
        Assert.Equal(HttpStatusCode.OK, checkedOnly.StatusCode);
        Assert.True((await checkedOnly.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ok").GetBoolean());

        using var supervisor = instance.Client(MenuCluster.SupervisorKey);
        using var form = new MultipartFormDataContent();
        foreach (var f in Files(instance, MenuChanges.GreetWithGoodbye).Files!)
            form.Add(new StringContent(f.Text, Encoding.UTF8, "application/yaml"), "files", f.Path);
        var stored = await supervisor.PostAsync("admin/menus/revisions?activate=false", form);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);

        Assert.Same(before, instance.Store.Current);
        Assert.Equal(2, (await instance.Deployment.Revisions.ListAsync(10, default)).Count);
        Assert.Equal(before.Revision, (await instance.Deployment.Revisions.ActiveAsync(default))!.Revision);
    }

    [Fact]
    public async Task Rollback_returns_to_the_revision_active_before_and_activate_to_any_stored_one()
    {
        var instance = await Cluster.StartAsync(overrides: Unwatched);
        var original = instance.Store.Current.Revision;
        using var supervisor = instance.Client(MenuCluster.SupervisorKey);
        var changed = await RevisionOf(await supervisor.PostAsJsonAsync("admin/menus/revisions", Files(instance, MenuChanges.GreetWithGoodbye)));
        Assert.Equal(changed, instance.Store.Current.Revision);

        var back = await supervisor.PostAsync("admin/menus/rollback", null);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal(original, await RevisionOf(back));
        Assert.Equal(original, instance.Store.Current.Revision);

        var forward = await supervisor.PostAsync($"admin/menus/revisions/{changed}/activate", null);
        Assert.Equal(changed, await RevisionOf(forward));
        Assert.Equal(changed, instance.Store.Current.Revision);

        var explicitly = await supervisor.PostAsJsonAsync("admin/menus/rollback", new { revision = original });
        Assert.Equal(original, await RevisionOf(explicitly));
        var history = await instance.Deployment.Revisions.HistoryAsync(10, default);
        Assert.Equal(["rollback", "activate", "rollback", "upload", "start-up"], history.Select(a => a.Reason));

        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsync("admin/menus/revisions/0123456789abcdef/activate", null)).StatusCode);
    }

    [Fact]
    public async Task Two_instances_switch_together_and_the_other_loads_the_revision_from_PostgreSQL_not_its_own_disk()
    {
        var first = await Cluster.StartAsync(overrides: Unwatched);
        // The second instance's own folder differs: starting up, it must still take the active revision.
        var otherFolder = Cluster.CopyOfShippedMenus();
        File.AppendAllText(Path.Combine(otherFolder, MenuChanges.File), "\n# a stale copy on the second machine\n");
        var second = await Cluster.StartAsync(otherFolder, Unwatched);
        Assert.Equal(first.Store.Current.Revision, second.Store.Current.Revision);

        var secondSwitched = second.NextSwitch();
        using var supervisor = first.Client(MenuCluster.SupervisorKey);
        var uploaded = await RevisionOf(await supervisor.PostAsJsonAsync("admin/menus/revisions", Files(first, MenuChanges.GreetWithGoodbye)));

        Assert.Equal(uploaded, (await secondSwitched).Revision);
        Assert.Equal(uploaded, first.Store.Current.Revision);
        Assert.DoesNotContain("play: goodbye", File.ReadAllText(Path.Combine(otherFolder, MenuChanges.File)));

        secondSwitched = second.NextSwitch();
        using var fromSecond = second.Client(MenuCluster.SupervisorKey);
        var firstSwitched = first.NextSwitch();
        await fromSecond.PostAsync("admin/menus/rollback", null);
        Assert.Equal((await firstSwitched).Revision, (await secondSwitched).Revision);
    }

    [Fact]
    public async Task The_graph_of_the_running_and_of_a_stored_revision_is_Graphviz_DOT()
    {
        var instance = await Cluster.StartAsync(overrides: Unwatched);
        using var viewer = instance.Client(MenuCluster.ViewerKey);
        var running = await viewer.GetAsync("admin/menus/graph");
        Assert.Equal("text/vnd.graphviz", running.Content.Headers.ContentType!.MediaType);
        var dot = await running.Content.ReadAsStringAsync();
        Assert.StartsWith("digraph", dot);
        Assert.Contains("welcome", dot);
        Assert.Equal(dot, await viewer.GetStringAsync($"admin/menus/revisions/{instance.Store.Current.Revision}/graph"));
    }

    static readonly Dictionary<string, string?> Unwatched = new() { ["Menus:Watch"] = "false" };

    static MenuFilesBody Files(MenuInstance instance, Func<string, string> change) =>
        new([.. MenuFolder.Read(instance.Folder).Select(f => f.Path == MenuChanges.File ? f with { Text = change(f.Text) } : f)]);

    static async Task<string?> RevisionOf(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetString();
    }
}
