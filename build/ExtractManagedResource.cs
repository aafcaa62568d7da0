// Build helper (a .NET 10 file-based app): copies one embedded resource out of a managed DLL without loading it.
// Used by BlazorClientScript.targets; run as `dotnet run build/ExtractManagedResource.cs -- <dll> <resource> <output>`.
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
var (dll, name, output) = (args[0], args[1], args[2]);
using var pe = new PEReader(File.OpenRead(dll));
var md = pe.GetMetadataReader();
foreach (var handle in md.ManifestResources)
{
    var res = md.GetManifestResource(handle);
    if (md.GetString(res.Name) != name || !res.Implementation.IsNil) continue;
    var dir = pe.PEHeaders.CorHeader!.ResourcesDirectory;
    var block = pe.GetSectionData(dir.RelativeVirtualAddress);
    var reader = block.GetReader((int)res.Offset, block.Length - (int)res.Offset);
    var bytes = reader.ReadBytes(reader.ReadInt32());
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    File.WriteAllBytes(output, bytes);
    return 0;
}
Console.Error.WriteLine($"resource {name} not found in {dll}");
return 1;
