using System.Text.Json;
using System.Text.Json.Serialization;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// A running handoff's custom status: its status, shown as the bounded view (<see cref="CallStatusSnapshot.ForCustomStatus"/>)
/// only when the runtime serializes it, which it does once at the end of each episode. The handoff sets its status at
/// every stage change, replayed ones included; building and measuring the view each time cost more than the step itself.
/// </summary>
[JsonConverter(typeof(Writer))]
internal sealed class ShownCustomStatus(CallStatusSnapshot status)
{
    public CallStatusSnapshot Status { get; } = status;

    /// <summary>Writes the bounded view; the custom status is read back as a <see cref="CallStatusSnapshot"/>, never as this.</summary>
    internal sealed class Writer : JsonConverter<ShownCustomStatus>
    {
        public override ShownCustomStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A custom status is read back as a CallStatusSnapshot.");

        public override void Write(Utf8JsonWriter writer, ShownCustomStatus value, JsonSerializerOptions options) =>
            value.Status.WriteCustomStatus(writer);
    }
}
