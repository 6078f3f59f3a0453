using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace DialNexa.Functions.Tests.Layout;

/// <summary>
/// Which rooms of the app use which, read from the compiled assembly: every type's base type, interfaces, fields,
/// method signatures, attributes, locals and the types, methods and fields its IL touches. A room is the namespace
/// segment after <c>DialNexa.Functions</c> (<c>Providers.Gusto</c> belongs to <c>Providers</c>).
/// </summary>
internal sealed class RoomReferences
{
    private const string AppNamespace = "DialNexa.Functions";
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    private readonly MetadataReader _metadata;
    private readonly PEReader _pe;
    private readonly Dictionary<(string From, string To), string> _examples = [];

    private RoomReferences(PEReader pe)
    {
        _pe = pe;
        _metadata = pe.GetMetadataReader();
    }

    /// <summary>Each pair of different rooms where the first uses the second, with one type that shows it.</summary>
    public IReadOnlyDictionary<(string From, string To), string> Uses => _examples;

    public static RoomReferences Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var references = new RoomReferences(pe);
        references.Walk();
        return references;
    }

    private void Walk()
    {
        foreach (var handle in _metadata.TypeDefinitions)
        {
            var type = _metadata.GetTypeDefinition(handle);
            var from = RoomOf(handle);
            if (from is null)
            {
                continue;
            }

            var user = FullName(handle);
            void Note(EntityHandle used) => Record(from, used, user);

            if (!type.BaseType.IsNil)
            {
                NoteType(type.BaseType, Note);
            }

            foreach (var implementation in type.GetInterfaceImplementations())
            {
                NoteType(_metadata.GetInterfaceImplementation(implementation).Interface, Note);
            }

            NoteAttributes(type.GetCustomAttributes(), Note);
            NoteGenericParameters(type.GetGenericParameters(), Note);
            foreach (var fieldHandle in type.GetFields())
            {
                var field = _metadata.GetFieldDefinition(fieldHandle);
                field.DecodeSignature(new TypeCollector(Note), null);
                NoteAttributes(field.GetCustomAttributes(), Note);
            }

            foreach (var propertyHandle in type.GetProperties())
            {
                var property = _metadata.GetPropertyDefinition(propertyHandle);
                property.DecodeSignature(new TypeCollector(Note), null);
                NoteAttributes(property.GetCustomAttributes(), Note);
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = _metadata.GetMethodDefinition(methodHandle);
                method.DecodeSignature(new TypeCollector(Note), null);
                NoteAttributes(method.GetCustomAttributes(), Note);
                NoteGenericParameters(method.GetGenericParameters(), Note);
                foreach (var parameter in method.GetParameters())
                {
                    NoteAttributes(_metadata.GetParameter(parameter).GetCustomAttributes(), Note);
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    NoteBody(_pe.GetMethodBody(method.RelativeVirtualAddress), Note);
                }
            }
        }
    }

    private void NoteBody(MethodBodyBlock body, Action<EntityHandle> note)
    {
        if (!body.LocalSignature.IsNil)
        {
            _metadata.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(new TypeCollector(note), null);
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (short)(0xFE00 | il.ReadByte());
            }

            switch (OperandTypes[code])
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.ReadByte();
                    break;
                case OperandType.InlineVar:
                    il.ReadInt16();
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.ReadInt64();
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32();
                    for (var i = 0; i < targets; i++)
                    {
                        il.ReadInt32();
                    }

                    break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    NoteToken(MetadataTokens.EntityHandle(il.ReadInt32()), note);
                    break;
                case OperandType.InlineSig:
                    var signature = _metadata.GetStandaloneSignature((StandaloneSignatureHandle)MetadataTokens.EntityHandle(il.ReadInt32()));
                    signature.DecodeMethodSignature(new TypeCollector(note), null);
                    break;
                default:
                    il.ReadInt32();
                    break;
            }
        }
    }

    private void NoteToken(EntityHandle token, Action<EntityHandle> note)
    {
        switch (token.Kind)
        {
            case HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification:
                NoteType(token, note);
                break;
            case HandleKind.MethodDefinition:
                var method = _metadata.GetMethodDefinition((MethodDefinitionHandle)token);
                note(method.GetDeclaringType());
                method.DecodeSignature(new TypeCollector(note), null);
                break;
            case HandleKind.FieldDefinition:
                var field = _metadata.GetFieldDefinition((FieldDefinitionHandle)token);
                note(field.GetDeclaringType());
                field.DecodeSignature(new TypeCollector(note), null);
                break;
            case HandleKind.MemberReference:
                var member = _metadata.GetMemberReference((MemberReferenceHandle)token);
                NoteToken(member.Parent, note);
                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    member.DecodeMethodSignature(new TypeCollector(note), null);
                }
                else
                {
                    member.DecodeFieldSignature(new TypeCollector(note), null);
                }

                break;
            case HandleKind.MethodSpecification:
                var specification = _metadata.GetMethodSpecification((MethodSpecificationHandle)token);
                NoteToken(specification.Method, note);
                specification.DecodeSignature(new TypeCollector(note), null);
                break;
        }
    }

    private void NoteType(EntityHandle type, Action<EntityHandle> note)
    {
        if (type.Kind == HandleKind.TypeSpecification)
        {
            _metadata.GetTypeSpecification((TypeSpecificationHandle)type).DecodeSignature(new TypeCollector(note), null);
        }
        else
        {
            note(type);
        }
    }

    private void NoteAttributes(CustomAttributeHandleCollection attributes, Action<EntityHandle> note)
    {
        foreach (var handle in attributes)
        {
            NoteToken(_metadata.GetCustomAttribute(handle).Constructor, note);
        }
    }

    private void NoteGenericParameters(GenericParameterHandleCollection parameters, Action<EntityHandle> note)
    {
        foreach (var parameter in parameters)
        {
            foreach (var constraint in _metadata.GetGenericParameter(parameter).GetConstraints())
            {
                NoteType(_metadata.GetGenericParameterConstraint(constraint).Type, note);
            }
        }
    }

    private void Record(string from, EntityHandle used, string user)
    {
        if (used.Kind != HandleKind.TypeDefinition)
        {
            return; // a type of another assembly: not a room of the app
        }

        var to = RoomOf((TypeDefinitionHandle)used);
        if (to is not null && to != from)
        {
            _examples.TryAdd((from, to), $"{user} uses {FullName((TypeDefinitionHandle)used)}");
        }
    }

    private string? RoomOf(TypeDefinitionHandle handle)
    {
        var ns = _metadata.GetString(Outermost(handle).Namespace);
        if (!ns.StartsWith(AppNamespace + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[(AppNamespace.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private TypeDefinition Outermost(TypeDefinitionHandle handle)
    {
        var type = _metadata.GetTypeDefinition(handle);
        while (type.IsNested)
        {
            type = _metadata.GetTypeDefinition(type.GetDeclaringType());
        }

        return type;
    }

    private string FullName(TypeDefinitionHandle handle)
    {
        var type = Outermost(handle);
        return $"{_metadata.GetString(type.Namespace)}.{_metadata.GetString(type.Name)}";
    }

    /// <summary>Decodes a signature only to see the types in it.</summary>
    private sealed class TypeCollector(Action<EntityHandle> note) : ISignatureTypeProvider<int, object?>
    {
        public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            note(handle);
            return 0;
        }

        public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => 0;

        public int GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;

        public int GetSZArrayType(int elementType) => 0;

        public int GetArrayType(int elementType, ArrayShape shape) => 0;

        public int GetByReferenceType(int elementType) => 0;

        public int GetPointerType(int elementType) => 0;

        public int GetPinnedType(int elementType) => 0;

        public int GetGenericInstantiation(int genericType, ImmutableArray<int> typeArguments) => 0;

        public int GetGenericMethodParameter(object? genericContext, int index) => 0;

        public int GetGenericTypeParameter(object? genericContext, int index) => 0;

        public int GetFunctionPointerType(MethodSignature<int> signature) => 0;

        public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;
    }
}
