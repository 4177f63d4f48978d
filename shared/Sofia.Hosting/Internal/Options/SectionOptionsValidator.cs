using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Sofia.Hosting.Internal.Options;

/// <summary>DataAnnotations validation whose messages start with the configuration key that failed.</summary>
internal sealed class SectionOptionsValidator<TOptions>(string sectionPath, OptionsBindingErrors bindingErrors) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (name is not null && name != Microsoft.Extensions.Options.Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        if (bindingErrors.TryGet(options, out var bindingError))
        {
            // The binder's message names the full key, the value and the type it needs.
            return ValidateOptionsResult.Fail(bindingError);
        }

        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>(results.Count);
        foreach (var result in results)
        {
            var message = result.ErrorMessage ?? "is invalid";
            var members = result.MemberNames.ToList();
            if (members.Count == 0)
            {
                failures.Add($"{sectionPath}: {message}");
                continue;
            }

            foreach (var member in members)
            {
                failures.Add($"{sectionPath}:{member}: {message}");
            }
        }

        return ValidateOptionsResult.Fail(failures);
    }
}
