namespace Ivr.Service.Admin;

/// <summary>One admin API key: its name is who changed things in the menu revisions' history.</summary>
public sealed record AdminKey(string Name, string Key, string Role)
{
    /// <summary>
    /// Reads <c>Admin:Keys:N:Name/Key/Role</c>, then the older <c>Admin:ApiKeys:N</c> and <c>IVR_ADMIN_KEY</c> as supervisor
    /// keys. A key without a value or with an unknown role stops start-up with the setting at fault named.
    /// </summary>
    public static List<AdminKey> FromConfiguration(IConfiguration configuration)
    {
        var keys = new List<AdminKey>();
        foreach (var entry in configuration.GetSection("Admin:Keys").GetChildren())
        {
            var at = $"Admin:Keys:{entry.Key}";
            var key = entry["Key"] is { Length: > 0 } k ? k : throw new InvalidOperationException($"{at}:Key is missing; give each admin key its secret value");
            var role = entry["Role"] ?? throw new InvalidOperationException($"{at}:Role is missing; use {AdminRoles.Supervisor} or {AdminRoles.Viewer}");
            if (!AdminRoles.All.Contains(role))
                throw new InvalidOperationException($"{at}:Role is '{role}'; use {AdminRoles.Supervisor} or {AdminRoles.Viewer}");
            keys.Add(new AdminKey(entry["Name"] is { Length: > 0 } name ? name : $"key {entry.Key}", key, role));
        }
        foreach (var (legacy, i) in (configuration.GetSection("Admin:ApiKeys").Get<string[]>() ?? []).Select((k, i) => (k, i)))
            keys.Add(new AdminKey($"api key {i}", legacy, AdminRoles.Supervisor));
        if (configuration["IVR_ADMIN_KEY"] is { Length: > 0 } env) keys.Add(new AdminKey("IVR_ADMIN_KEY", env, AdminRoles.Supervisor));
        return keys;
    }
}
