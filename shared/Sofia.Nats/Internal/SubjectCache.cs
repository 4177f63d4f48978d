using System.Text;

namespace Sofia.Nats.Internal;

/// <summary>Reuses the last subject string while messages keep arriving on the same subject.</summary>
internal sealed class SubjectCache
{
    private byte[] _bytes = [];
    private string _value = "";

    public string Get(ReadOnlySpan<byte> subject)
    {
        if (subject.SequenceEqual(_bytes))
        {
            return _value;
        }

        _value = Encoding.UTF8.GetString(subject);
        _bytes = subject.ToArray();
        return _value;
    }
}
