using System.Reflection;
using System.Text.RegularExpressions;

namespace DialNexa.Functions.Tests.Layout;

/// <summary>
/// The rooms of the app use only the rooms <c>docs/architecture.md</c> lets them use, read from the compiled types,
/// and the rooms form no cycle.
/// </summary>
public sealed partial class RoomDependencyTests
{
    private static readonly RoomReferences Compiled = RoomReferences.Read(Assembly.Load("DialNexa.Functions").Location);

    [Fact]
    public void CompiledRooms_UseOnlyWhatTheArchitectureAllows()
    {
        var allowed = AllowedUses();
        var forbidden = Compiled.Uses
            .Where(use => !allowed.TryGetValue(use.Key.From, out var rooms) || !rooms.Contains(use.Key.To))
            .Select(use => $"{use.Key.From} -> {use.Key.To} ({use.Value})")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(forbidden.Count == 0, "Uses docs/architecture.md does not allow:\n" + string.Join('\n', forbidden));
    }

    [Fact]
    public void CompiledRooms_FormNoCycle()
    {
        var cycle = FindCycle(Compiled.Uses.Keys);

        Assert.True(cycle is null, $"The rooms form a cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void ArchitectureTable_NamesEveryRoomAndFormsNoCycle()
    {
        var allowed = AllowedUses();
        var rooms = Compiled.Uses.Keys.SelectMany(use => new[] { use.From, use.To }).Distinct();

        var unnamed = rooms.Concat(allowed.Values.SelectMany(uses => uses)).Where(room => !allowed.ContainsKey(room)).Distinct().ToList();
        Assert.True(unnamed.Count == 0, "Rooms without a row in docs/architecture.md: " + string.Join(", ", unnamed));
        var cycle = FindCycle(allowed.SelectMany(room => room.Value.Select(to => (room.Key, to))));
        Assert.True(cycle is null, $"docs/architecture.md allows a cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void CycleFinder_FindsACycleOfTwoRooms()
    {
        Assert.Equal(["A", "B", "A"], FindCycle([("A", "B"), ("B", "A"), ("B", "C")]));
        Assert.Null(FindCycle([("A", "B"), ("B", "C"), ("A", "C")]));
    }

    /// <summary>
    /// The "| room | may use |" table of docs/architecture.md: each row a room and the rooms it may use, named in
    /// backticks before the colon (what follows the colon says what the room is).
    /// </summary>
    private static Dictionary<string, HashSet<string>> AllowedUses()
    {
        var document = File.ReadAllLines(Path.Combine(ProjectDirectory(), "docs", "architecture.md"));
        var header = Array.FindIndex(document, line => line.Replace(" ", "", StringComparison.Ordinal).StartsWith("|room|mayuse|", StringComparison.OrdinalIgnoreCase));
        Assert.True(header >= 0, "docs/architecture.md has no \"| room | may use |\" table.");
        var allowed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in document.Skip(header + 2).TakeWhile(line => line.StartsWith('|')))
        {
            var cells = line.Split('|');
            var room = Names().Matches(cells[1]).Single().Groups[1].Value;
            allowed.Add(room, [.. Names().Matches(cells[2].Split(':')[0]).Select(m => m.Groups[1].Value)]);
        }

        return allowed;
    }

    private static List<string>? FindCycle(IEnumerable<(string From, string To)> uses)
    {
        var next = uses.ToLookup(use => use.From, use => use.To);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        List<string>? Visit(string room)
        {
            var onPath = path.IndexOf(room);
            if (onPath >= 0)
            {
                return [.. path[onPath..], room];
            }

            if (!done.Add(room))
            {
                return null;
            }

            path.Add(room);
            foreach (var to in next[room].Order(StringComparer.Ordinal))
            {
                if (Visit(to) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        return next.Select(group => group.Key).Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(cycle => cycle is not null);
    }

    private static string ProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var project = Path.Combine(directory.FullName, "DialNexa.Functions");
            if (File.Exists(Path.Combine(project, "DialNexa.Functions.csproj")))
            {
                return project;
            }
        }

        throw new InvalidOperationException("DialNexa.Functions was not found above the test output.");
    }

    [GeneratedRegex("`([A-Za-z]+)`")]
    private static partial Regex Names();
}
