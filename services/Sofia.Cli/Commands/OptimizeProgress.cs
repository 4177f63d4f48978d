using System.Globalization;
using Sofia.Optimization.Studies;
using Spectre.Console;

namespace Sofia.Cli.Commands;

/// <summary>
/// Progress of <c>sofia optimize</c> on stderr: a live bar per study (trial n/N, best score so far, ETA) when the
/// terminal is interactive, else one line per tenth of a study.
/// </summary>
internal sealed class OptimizeProgress(TextWriter error, bool interactive) : IDisposable
{
    private readonly Lock _gate = new();
    private ProgressTask? _task;
    private ProgressContext? _context;
    private TaskCompletionSource? _finish;
    private Task? _display;

    public IProgress<StudyProgress> Begin(string name)
    {
        if (interactive)
        {
            EnsureDisplay();
            lock (_gate)
            {
                _task?.StopTask();
                _task = _context!.AddTask(Markup.Escape(name));
            }
        }

        var lastDecile = -1;
        return new Reporter(p =>
        {
            var line = Describe(name, p);
            if (interactive)
            {
                lock (_gate)
                {
                    _task!.MaxValue = p.Total;
                    _task.Value = p.Completed;
                    _task.Description = Markup.Escape(line);
                }

                return;
            }

            var decile = p.Completed * 10 / Math.Max(1, p.Total);
            if (decile != lastDecile)
            {
                lastDecile = decile;
                error.WriteLine(line);
            }
        });
    }

    public void Dispose()
    {
        _finish?.TrySetResult();
        _display?.GetAwaiter().GetResult();
        _finish = null;
        _display = null;
    }

    private static string Describe(string name, StudyProgress p)
    {
        var eta = p.EstimatedRemaining is { } remaining ? remaining.ToString(@"m\:ss", CultureInfo.InvariantCulture) : "?";
        return string.Create(CultureInfo.InvariantCulture, $"{name}: trial {p.Completed}/{p.Total}, best score {p.BestScore:0.###}, ETA {eta}");
    }

    private void EnsureDisplay()
    {
        if (_display is not null)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = _finish.Task;
        _display = CliConsole.Over(error, interactive: true).Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                _context = context;
                started.SetResult();
                await finish;
            });
        started.Task.GetAwaiter().GetResult();
    }

    private sealed class Reporter(Action<StudyProgress> report) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value) => report(value);
    }
}
