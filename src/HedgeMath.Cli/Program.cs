using HedgeMath.Cli;

return CliApp.Run(args);
