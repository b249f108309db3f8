using HedgeMath.Orleans;

return await PlanServiceProgram.MainAsync(args);
