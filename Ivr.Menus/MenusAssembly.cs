namespace Ivr.Menus;

/// <summary>Marker for the menus assembly.</summary>
public static class MenusAssembly;
