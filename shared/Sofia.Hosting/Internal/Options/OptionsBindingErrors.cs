using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;

namespace Sofia.Hosting.Internal.Options;

/// <summary>
/// Binds options without throwing and remembers why a binding failed, so the failure is reported
/// by validation (naming the key) instead of escaping as an exception from the options factory.
/// </summary>
internal sealed class OptionsBindingErrors
{
    private readonly ConditionalWeakTable<object, string> _errors = [];

    public void Bind(object options, IConfigurationSection section)
    {
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            _errors.AddOrUpdate(options, exception.Message);
        }
    }

    public bool TryGet(object options, out string error)
    {
        if (_errors.TryGetValue(options, out var found))
        {
            error = found;
            return true;
        }

        error = string.Empty;
        return false;
    }
}
