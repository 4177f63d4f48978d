namespace Sofia.Trading.Indicators;

/// <summary>
/// A fixed-capacity window over the most recent items: <see cref="Add(T)"/> is O(1) and overwrites the oldest
/// item once full. Indexed by age: <c>this[0]</c> is the newest item, <c>this[Count - 1]</c> the oldest.
/// </summary>
/// <typeparam name="T">Item type; value types are stored without boxing.</typeparam>
public sealed class RingBuffer<T>
{
    private readonly T[] _items;
    private int _next;

    /// <summary>Creates an empty buffer holding at most <paramref name="capacity"/> items.</summary>
    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    /// <summary>Maximum number of items held.</summary>
    public int Capacity => _items.Length;

    /// <summary>Number of items held.</summary>
    public int Count { get; private set; }

    /// <summary>True when <see cref="Count"/> equals <see cref="Capacity"/>.</summary>
    public bool IsFull => Count == _items.Length;

    /// <summary>The newest item.</summary>
    public T Newest => this[0];

    /// <summary>The oldest item.</summary>
    public T Oldest => this[Count - 1];

    /// <summary>The item added <paramref name="age"/> additions ago (0 = newest).</summary>
    public T this[int age]
    {
        get
        {
            if ((uint)age >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(age), age, "Age must be in [0, Count).");
            }

            var index = _next - 1 - age;
            return _items[index < 0 ? index + _items.Length : index];
        }
    }

    /// <summary>Adds an item; when full, returns true and the evicted oldest item.</summary>
    public bool Add(T item, out T evicted)
    {
        var wasFull = IsFull;
        evicted = wasFull ? _items[_next] : default!;
        _items[_next] = item;
        _next = _next + 1 == _items.Length ? 0 : _next + 1;
        if (!wasFull)
        {
            Count++;
        }

        return wasFull;
    }

    /// <summary>Adds an item, overwriting the oldest when full.</summary>
    public void Add(T item) => Add(item, out _);

    /// <summary>Removes every item.</summary>
    public void Clear()
    {
        Array.Clear(_items);
        _next = 0;
        Count = 0;
    }
}
