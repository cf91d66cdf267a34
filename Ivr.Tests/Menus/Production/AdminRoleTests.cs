using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Service.Menus.Production;

namespace Ivr.Tests.Menus.Production;

/// <summary>Admin keys with roles: no key 401, a viewer reads but may not change (403), a supervisor changes.</summary>
public sealed class AdminRoleTests : ClusterTest
{
    MenuInstance instance = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        instance = await Cluster.StartAsync(overrides: new Dictionary<string, string?> { ["Menus:Watch"] = "false", ["IVR_ADMIN_KEY"] = "env-key" });
    }

    [Theory]
    [InlineData(null, "GET", "admin/menus", HttpStatusCode.Unauthorized)]
    [InlineData("not-a-key", "GET", "admin/menus/revisions", HttpStatusCode.Unauthorized)]
    [InlineData(null, "POST", "admin/menus/rollback", HttpStatusCode.Unauthorized)]
    [InlineData(null, "GET", "admin/health", HttpStatusCode.Unauthorized)]
    [InlineData(MenuCluster.ViewerKey, "GET", "admin/menus", HttpStatusCode.OK)]
    [InlineData(MenuCluster.ViewerKey, "GET", "admin/menus/revisions", HttpStatusCode.OK)]
    [InlineData(MenuCluster.ViewerKey, "GET", "admin/menus/activations", HttpStatusCode.OK)]
    [InlineData(MenuCluster.ViewerKey, "GET", "admin/menus/graph", HttpStatusCode.OK)]
    [InlineData(MenuCluster.ViewerKey, "GET", "admin/health", HttpStatusCode.OK)]
    [InlineData(MenuCluster.ViewerKey, "POST", "admin/menus/rollback", HttpStatusCode.Forbidden)]
    [InlineData(MenuCluster.ViewerKey, "POST", "admin/menus/revisions", HttpStatusCode.Forbidden)]
    [InlineData(MenuCluster.SupervisorKey, "GET", "admin/menus", HttpStatusCode.OK)]
    [InlineData(MenuCluster.SupervisorKey, "POST", "admin/menus/revisions", HttpStatusCode.Created)]
    [InlineData("env-key", "POST", "admin/menus/revisions", HttpStatusCode.Created)]
    public async Task Each_key_gets_what_its_role_allows(string? key, string method, string path, HttpStatusCode expected)
    {
        using var http = instance.Client(key);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (path == "admin/menus/revisions" && method == "POST")
            request.Content = JsonContent.Create(new MenuFilesBody([.. MenuFolder.Read(instance.Folder)]));
        var response = await http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Health_says_this_instance_runs_the_active_revision()
    {
        using var viewer = instance.Client(MenuCluster.ViewerKey);
        var health = await viewer.GetFromJsonAsync<JsonElement>("admin/health");
        var menus = health.GetProperty("checks").GetProperty("menus");
        Assert.Equal("Healthy", menus.GetProperty("status").GetString());
        Assert.Equal(instance.Store.Current.Revision, menus.GetProperty("data").GetProperty("current").GetString());
    }

    [Theory]
    [InlineData("Role", "admn", "Admin:Keys:0:Role is 'admn'; use supervisor or viewer")]
    [InlineData("Key", "", "Admin:Keys:0:Key is missing")]
    public async Task A_misconfigured_key_stops_start_up_naming_the_setting(string field, string value, string message)
    {
        var settings = Cluster.Configuration(Cluster.CopyOfShippedMenus());
        settings["Menus:Watch"] = "false";
        settings[$"Admin:Keys:0:{field}"] = value;
        var e = await Assert.ThrowsAnyAsync<Exception>(() => MenuInstance.StartAsync(settings));
        Assert.Contains(message, e.ToString());
    }
}
