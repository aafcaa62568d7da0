// Every test here drives Chromium: `dotnet test --filter Kind=Browser` runs them alone, `Kind!=Browser` leaves them out.
[assembly: AssemblyTrait("Kind", "Browser")]
