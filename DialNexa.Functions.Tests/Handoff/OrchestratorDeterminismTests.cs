using System.Reflection;
using System.Reflection.Emit;
using Microsoft.DurableTask;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>
/// Orchestrator code is replayed, so it must not read the clock, make GUIDs, sleep, or touch I/O or the environment.
/// This walks the IL of every orchestrator in the app (its async state machines and lambdas included) and of every
/// app method it reaches, and fails naming the orchestrator, the method and the banned member it calls.
/// </summary>
public sealed class OrchestratorDeterminismTests
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private static readonly Type[] BannedTypes =
    [
        typeof(Environment), typeof(File), typeof(Directory), typeof(FileStream), typeof(HttpClient), typeof(Random),
        typeof(Thread), typeof(TimeProvider), typeof(System.Diagnostics.Stopwatch), typeof(Console),
    ];

    private static readonly (Type Type, string Member)[] BannedMembers =
    [
        (typeof(DateTime), "get_Now"), (typeof(DateTime), "get_UtcNow"), (typeof(DateTime), "get_Today"),
        (typeof(DateTimeOffset), "get_Now"), (typeof(DateTimeOffset), "get_UtcNow"),
        (typeof(Guid), "NewGuid"), (typeof(Task), "Delay"), (typeof(Task), "Run"),
    ];

    /// <summary>The app's orchestrators and the test suite's own, which run on the same replaying engine.</summary>
    private static readonly Assembly[] OrchestratorAssemblies = [typeof(CallHandoffOrchestrator).Assembly, typeof(OrchestratorDeterminismTests).Assembly];

    public static TheoryData<string> Orchestrators()
    {
        var data = new TheoryData<string>();
        foreach (var type in OrchestratorAssemblies.SelectMany(a => a.GetTypes()).Where(IsOrchestrator))
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void Orchestrators_AppAssembly_IncludesTheCallHandoff() =>
        Assert.Contains(typeof(CallHandoffOrchestrator).FullName, ((IEnumerable<object[]>)Orchestrators()).Select(row => (string)row[0]));

    [Theory]
    [MemberData(nameof(Orchestrators))]
    public void Orchestrator_Code_CallsNothingNonDeterministic(string orchestratorName)
    {
        var orchestrator = OrchestratorAssemblies.Select(a => a.GetType(orchestratorName)).First(t => t is not null)!;
        var violations = new List<string>();
        var seen = new HashSet<MethodBase>();
        var pending = new Queue<MethodBase>(MethodsOf(orchestrator));
        while (pending.TryDequeue(out var method))
        {
            if (!seen.Add(method))
            {
                continue;
            }

            foreach (var called in CalledMembers(method))
            {
                if (IsBanned(called))
                {
                    violations.Add($"{method.DeclaringType?.Name}.{method.Name} calls {called.DeclaringType?.FullName}.{called.Name}");
                }
                else if (called.Module == orchestrator.Module && called is MethodBase inApp && !IsActivityOrProviderCode(inApp.DeclaringType))
                {
                    pending.Enqueue(inApp);
                }
            }
        }

        Assert.True(violations.Count == 0, $"{orchestrator.Name} is replayed and must be deterministic; use the context's clock, GUIDs and timers:\n{string.Join("\n", violations.Distinct())}");
    }

    [Fact]
    public void CalledMembers_MethodThatReadsTheClock_IsReported()
    {
        var method = typeof(OrchestratorDeterminismTests).GetMethod(nameof(ReadsTheClock), BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.Contains(CalledMembers(method), IsBanned);
    }

    private static DateTime ReadsTheClock() => DateTime.UtcNow;

    private static bool IsOrchestrator(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(TaskOrchestrator<,>))
            {
                return !type.IsAbstract;
            }
        }

        return false;
    }

    /// <summary>Activities and providers run outside replay; the walk stops where the orchestrator hands work to them.</summary>
    private static bool IsActivityOrProviderCode(Type? type) =>
        type is not null && (type.Namespace?.Contains(".Activities", StringComparison.Ordinal) == true || type.Namespace?.Contains(".Providers", StringComparison.Ordinal) == true);

    private static IEnumerable<MethodBase> MethodsOf(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            yield return method;
        }

        foreach (var nested in type.GetNestedTypes(all).SelectMany(MethodsOf))
        {
            yield return nested;
        }
    }

    private static bool IsBanned(MemberInfo member) =>
        member.DeclaringType is { } declaring
        && (BannedTypes.Contains(declaring) || BannedMembers.Any(b => b.Type == declaring && b.Member == member.Name));

    /// <summary>The methods and constructors a method's IL calls (call, callvirt, newobj, ldftn).</summary>
    private static IEnumerable<MemberInfo> CalledMembers(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var genericTypeArguments = method.DeclaringType is { IsGenericType: true } g ? g.GetGenericArguments() : null;
        var genericMethodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position] == 0xFE ? (short)(0xFE00 | il[position + 1]) : il[position];
            position += il[position] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            if (opCode.OperandType == OperandType.InlineMethod)
            {
                var token = BitConverter.ToInt32(il, position);
                MemberInfo? called = null;
                try
                {
                    called = method.Module.ResolveMethod(token, genericTypeArguments, genericMethodArguments);
                }
                catch (ArgumentException)
                {
                    // A member of a generic type the walk cannot close over; it is not one of the banned (non-generic) members.
                }

                if (called is not null)
                {
                    yield return called;
                }
            }

            position += OperandSize(opCode, il, position);
        }
    }

    private static int OperandSize(OpCode opCode, byte[] il, int position) => opCode.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
        _ => 4,
    };
}
