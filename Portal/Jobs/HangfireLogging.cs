using Hangfire.Logging;
using LogLevel = Hangfire.Logging.LogLevel;
using MicrosoftLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Portal.Jobs;

/// <summary>
/// Hangfire's log provider is one static for the whole process, set by the last host that configured Hangfire. When
/// that host is disposed while another keeps running (two portals in one test process, or a restart in place), its
/// logger factory throws <see cref="ObjectDisposedException"/> from inside Hangfire — even when a job client is merely
/// constructed. This provider forwards to the host's loggers and goes quiet instead once they are gone.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggers) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return new HostLog(loggers.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return QuietLog.Instance;
        }
    }

    private sealed class HostLog(ILogger logger) : ILog
    {
        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = logLevel switch
            {
                LogLevel.Trace => MicrosoftLogLevel.Trace,
                LogLevel.Debug => MicrosoftLogLevel.Debug,
                LogLevel.Info => MicrosoftLogLevel.Information,
                LogLevel.Warn => MicrosoftLogLevel.Warning,
                LogLevel.Error => MicrosoftLogLevel.Error,
                _ => MicrosoftLogLevel.Critical,
            };
            try
            {
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }
                logger.Log(level, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private sealed class QuietLog : ILog
    {
        public static readonly QuietLog Instance = new();

        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
