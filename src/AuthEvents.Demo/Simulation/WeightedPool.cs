namespace AuthEvents.Demo.Simulation;

/// <summary>Picks items in proportion to a weight, by binary search over cumulative weights.</summary>
internal sealed class WeightedPool<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedPool(IEnumerable<T> items, Func<T, double> weight)
    {
        _items = items.ToArray();
        _cumulative = new double[_items.Length];
        var total = 0.0;
        for (var i = 0; i < _items.Length; i++)
        {
            total += weight(_items[i]);
            _cumulative[i] = total;
        }
    }

    public int Count => _items.Length;

    public T Pick(Random random)
    {
        if (_items.Length == 0)
        {
            throw new InvalidOperationException("The pool is empty.");
        }

        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return _items[Math.Min(index, _items.Length - 1)];
    }
}
