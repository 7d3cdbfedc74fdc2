import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Where the catalog came from, as the bulk loaders record it in `dataset_loads`. */
@Injectable()
export class DatasetInfoRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True when the bundled demo data was loaded: models trained on it are demo models. */
  async isDemo(): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM dataset_loads WHERE source = 'demo') AS demo`,
    );
    return row?.demo === true;
  }
}
