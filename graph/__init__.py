"""The graph: its model, reference data, entity resolution, build step and the two stores."""
