using System.Text.Json;
using System.Text.Json.Serialization;
using Sofia.PaperOms.Domain;

namespace Sofia.PaperOms;

/// <summary>Source-generated JSON for the control bucket and the API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(KillSwitchState))]
internal sealed partial class PaperJson : JsonSerializerContext;
