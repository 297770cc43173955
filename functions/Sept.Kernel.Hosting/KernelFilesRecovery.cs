namespace Sept.Kernel.Hosting;

/// <summary>Moves project files folders back from kernel slots (see <see cref="KernelProcess.AdoptFiles"/>).</summary>
public static class KernelFilesRecovery
{
    /// <summary>At start: returns the folders an earlier app process left in its kernels' slots and removes the slots.</summary>
    public static void ReturnAll(string slotsDirectory)
    {
        if (!Directory.Exists(slotsDirectory)) return;
        foreach (var marker in Directory.EnumerateFiles(slotsDirectory, "*.owner"))
        {
            var slot = marker[..^".owner".Length];
            Return(slot, File.ReadAllText(marker).Trim());
            if (Directory.Exists(slot)) Directory.Delete(slot, recursive: true);
            File.Delete(marker);
        }
    }

    /// <summary>Moves the slot's files folder back to its home. The sandbox could have replaced the folder with a
    /// symbolic link (which the app would then follow): only a real directory goes back, else the home starts empty.</summary>
    internal static void Return(string slot, string home)
    {
        var files = new DirectoryInfo(Path.Combine(slot, "files"));
        if (Directory.Exists(home)) return;
        if (files.Exists && files.LinkTarget is null) Directory.Move(files.FullName, home);
        else Directory.CreateDirectory(home);
    }
}
